using BmoLearning.Ai.Ingestion.Extraction;

namespace BmoLearning.Ai.Ingestion;

/// <summary>Object-store keys are generated from the document id, never from a user's file name.</summary>
public static class DocumentKeys
{
    public static string For(Guid documentId, string contentType) => $"documents/{documentId:N}/original{Extension(contentType)}";

    public static string Extension(string contentType) => contentType switch
    {
        ContentSniffer.Pdf => ".pdf",
        ContentSniffer.Docx => ".docx",
        ContentSniffer.Html => ".html",
        ContentSniffer.Markdown => ".md",
        _ => ".txt",
    };
}

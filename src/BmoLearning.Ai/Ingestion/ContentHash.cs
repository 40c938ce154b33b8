using System.Security.Cryptography;
using System.Text;

namespace BmoLearning.Ai.Ingestion;

public static class ContentHash
{
    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));
}

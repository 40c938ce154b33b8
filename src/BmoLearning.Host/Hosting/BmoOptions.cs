namespace BmoLearning.Host.Hosting;

/// <summary>Where the embedded default keeps its state (section "Bmo").</summary>
public sealed class BmoOptions
{
    public const string Section = "Bmo";
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>SQLite database, uploaded files and job storage live here. Relative paths are from the working directory.</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>
    /// Apply migrations and load the starter knowledge base when serving. Unset means on for the embedded
    /// SQLite default and off for PostgreSQL, where `bmo migrate` and `bmo seed` do it before a deployment.
    /// </summary>
    public bool? AutoMigrate { get; set; }

    /// <summary>Folder of the starter knowledge base loaded by `bmo seed` and the first `bmo serve`.</summary>
    public string StarterContentDir { get; set; } = Path.Combine(AppContext.BaseDirectory, "content");

    public string DataDirFullPath => Path.GetFullPath(DataDir);
}

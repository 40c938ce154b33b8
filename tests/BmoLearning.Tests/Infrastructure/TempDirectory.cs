namespace BmoLearning.Tests.Infrastructure;

internal static class TempDirectory
{
    public static string Create(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}

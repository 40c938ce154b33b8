namespace BmoLearning.Ai.Storage;

/// <summary>The names the object stores are registered under (Storage:Provider).</summary>
public static class ObjectStores
{
    public const string Local = "local";
    public const string S3 = "s3";
}

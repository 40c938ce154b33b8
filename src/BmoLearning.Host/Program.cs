using BmoLearning.Host.Cli;

// The `bmo` executable: Cli/BmoCommandLine.cs builds the command line; each command lives in its own file in Cli/.
// Files this process creates (the database, keys, documents) are readable by its own user only.
BmoLearning.Host.Hosting.PrivateFiles.RestrictNewFiles();
return await BmoCommandLine.RunAsync(args);

/// <summary>Entry point type, also the anchor for WebApplicationFactory in tests.</summary>
public partial class Program;

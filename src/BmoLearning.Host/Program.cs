using BmoLearning.Host.Cli;

// The `bmo` executable: every command (serve, migrate, seed, ingest) is defined in Cli/BmoCommandLine.cs.
return await BmoCommandLine.RunAsync(args);

/// <summary>Entry point type, also the anchor for WebApplicationFactory in tests.</summary>
public partial class Program;

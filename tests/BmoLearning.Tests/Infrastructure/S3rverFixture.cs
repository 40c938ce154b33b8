using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BmoLearning.Tests.Infrastructure;

/// <summary>
/// A real S3-compatible server (s3rver, from npm) on a loopback port for the life of a test class.
/// scripts/test.sh installs it into .tools/; S3RVER_BIN points elsewhere. Missing is a failure, not a skip.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public const string Bucket = "bmo-test";
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private Process? _process;

    public string ServiceUrl { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var bin = Environment.GetEnvironmentVariable("S3RVER_BIN") ?? FindInRepository();
        var port = FreePort();
        var dir = TempDirectory.Create("s3rver");
        var start = new ProcessStartInfo(bin)
        {
            ArgumentList = { "-d", dir, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--configure-bucket", Bucket, "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("s3rver did not start");
        ServiceUrl = $"http://127.0.0.1:{port}";
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await client.GetAsync(ServiceUrl);
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private static string FindInRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".tools", "node_modules", ".bin", "s3rver");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("s3rver is not installed: run scripts/test.sh (it installs test servers into .tools/) or set S3RVER_BIN.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

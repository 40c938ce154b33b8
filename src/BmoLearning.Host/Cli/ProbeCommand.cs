using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace BmoLearning.Host.Cli;

/// <summary>
/// `bmo probe URL`: a container health check that needs no shell, curl or wget in the image.
/// Exit 0 on a 2xx answer within the timeout; 1 on any other status, a refused connection or a
/// timeout; 2 when the URL itself is not an absolute http(s) URL (a misconfiguration, not a health state).
/// </summary>
public static class ProbeCommand
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    private static readonly Argument<string> UrlArgument = new("url") { Description = "Absolute http(s) URL, e.g. http://127.0.0.1:8080/health" };

    private static readonly Option<double> TimeoutOption = new("--timeout")
    {
        Description = "Seconds to wait for the answer.",
        DefaultValueFactory = _ => DefaultTimeout.TotalSeconds,
    };

    public static Command Create()
    {
        var command = new Command("probe", "GET a URL; exit 0 on 2xx, 1 otherwise (for container health checks).") { UrlArgument, TimeoutOption };
        command.SetAction((parse, ct) => ProbeAsync(parse.GetValue(UrlArgument)!, parse.GetValue(TimeoutOption), Console.Out, Console.Error, ct));
        return command;
    }

    public static async Task<int> ProbeAsync(string url, double timeoutSeconds, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.WriteLine($"Not an absolute http(s) URL: '{url}'.");
            return 2;
        }

        if (!double.IsFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > 300)
        {
            errors.WriteLine("--timeout must be more than 0 and at most 300 seconds.");
            return 2;
        }

        // No redirects (a health URL that redirects is misconfigured) and no proxy from the environment.
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(timeoutSeconds) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(timeoutSeconds) };
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            var line = string.Create(CultureInfo.InvariantCulture, $"{status} {response.ReasonPhrase} from {uri} in {stopwatch.ElapsedMilliseconds} ms");
            if (response.IsSuccessStatusCode)
            {
                output.WriteLine(line);
                return 0;
            }

            errors.WriteLine(line);
            return 1;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            errors.WriteLine(string.Create(CultureInfo.InvariantCulture, $"No answer from {uri} within {timeoutSeconds:0.###} s."));
            return 1;
        }
        catch (HttpRequestException ex)
        {
            errors.WriteLine($"{uri}: {ex.Message}");
            return 1;
        }
    }
}

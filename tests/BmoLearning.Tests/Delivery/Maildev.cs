using System.Text.Json.Nodes;

namespace BmoLearning.Tests.Delivery;

/// <summary>The loopback SMTP server started by scripts/maildev.sh, and its inbox API.</summary>
internal static class Maildev
{
    public static string SmtpPort => Environment.GetEnvironmentVariable("MAILDEV_SMTP_PORT") ?? "1026";

    public static Uri Api => new($"http://127.0.0.1:{Environment.GetEnvironmentVariable("MAILDEV_WEB_PORT") ?? "1081"}/");

    public static Dictionary<string, string?> SmtpSettings => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = SmtpPort,
        ["Smtp:Security"] = "None",
        ["Smtp:FromAddress"] = "lessons@bmo-learning.test",
    };

    /// <summary>Waits for the message sent to an address (each test uses a fresh one).</summary>
    public static async Task<JsonObject> WaitForEmailToAsync(string address, TimeSpan? timeout = null)
    {
        using var http = new HttpClient { BaseAddress = Api };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            string inbox;
            try
            {
                inbox = await http.GetStringAsync("api/email");
            }
            catch (HttpRequestException ex)
            {
                throw new InvalidOperationException($"maildev is not running at {Api} (start it with: bash scripts/maildev.sh start).", ex);
            }

            var match = JsonNode.Parse(inbox)!.AsArray()
                .LastOrDefault(m => m!["to"]!.AsArray().Any(t => string.Equals((string?)t!["address"], address, StringComparison.OrdinalIgnoreCase)));
            if (match is not null)
            {
                return match.AsObject();
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No email to {address} arrived in maildev.");
            }

            await Task.Delay(200);
        }
    }
}

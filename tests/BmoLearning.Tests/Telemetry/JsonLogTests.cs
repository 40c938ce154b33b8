using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BmoLearning.Ai.Generation;
using BmoLearning.Core.Telemetry;
using BmoLearning.Host.Logging;
using BmoLearning.Tests.Infrastructure;
using BmoLearning.Tests.Llm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Tests.Telemetry;

/// <summary>
/// Issue 16: the container log schema the saved Logs Insights queries filter on (infrastructure/terraform/modules/
/// observability, docs/runbooks/queries.md) — flat JSON, named events, snake_case fields, trace ids, no contact details.
/// </summary>
public sealed class JsonLogTests
{
    [Fact]
    public void A_line_is_one_flat_json_object_with_the_event_its_values_and_the_current_trace()
    {
        var lines = new JsonLogLines();
        using var factory = LoggerFactory.Create(l => l.AddProvider(lines));
        var logger = factory.CreateLogger("BmoLearning.Core.Delivery.DeliveryJob");
        using var activity = new Activity("delivery").SetIdFormat(ActivityIdFormat.W3C).Start();
        var deliveryId = Guid.NewGuid();

        logger.LogWarning(LogEvents.DeliveryFailed, "Delivery {DeliveryId} by {Channel} attempt {Attempt} failed ({Reason}; final: {Final}): {Error}",
            deliveryId, "sms", 2, "permanent", true, "Twilio refused +1 555 123 4567 for jane.doe@example.com");

        var raw = Assert.Single(lines.Raw);
        var line = JsonDocument.Parse(raw).RootElement;
        Assert.Equal("delivery.failed", line.GetProperty("event").GetString());
        Assert.Equal(1002, line.GetProperty("event_id").GetInt32());
        Assert.Equal("warn", line.GetProperty("level").GetString());
        Assert.Equal("BmoLearning.Core.Delivery.DeliveryJob", line.GetProperty("category").GetString());
        Assert.Equal(activity.TraceId.ToHexString(), line.GetProperty("trace_id").GetString());
        Assert.Equal(activity.SpanId.ToHexString(), line.GetProperty("span_id").GetString());
        Assert.Equal(deliveryId.ToString(), line.GetProperty("delivery_id").GetString());
        Assert.Equal("sms", line.GetProperty("channel").GetString());
        Assert.Equal(2, line.GetProperty("attempt").GetInt32());
        Assert.True(line.GetProperty("final").GetBoolean());
        Assert.Equal("permanent", line.GetProperty("reason").GetString());
        Assert.Equal($"Twilio refused {LogScrubber.Phone} for {LogScrubber.Email}", line.GetProperty("error").GetString());
        Assert.DoesNotContain("jane.doe@example.com", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("555 123 4567", raw, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', raw);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", line.GetProperty("timestamp").GetString());
    }

    [Fact]
    public void Durations_become_milliseconds_reserved_names_are_not_overwritten_and_exceptions_are_structured()
    {
        var lines = new JsonLogLines();
        using var factory = LoggerFactory.Create(l => l.AddProvider(lines));
        var logger = factory.CreateLogger("test");
        Exception failure;
        try
        {
            throw new InvalidOperationException("Could not reach (555) 123-4567");
        }
        catch (InvalidOperationException thrown)
        {
            failure = thrown;
        }

        logger.LogError(failure, "Step {Message} took {Elapsed} at {Level}", "extract", TimeSpan.FromSeconds(1.5), 3);

        var line = Assert.Single(lines.Lines);
        Assert.Equal("Step extract took 00:00:01.5000000 at 3", line.GetProperty("message").GetString());
        Assert.Equal("extract", line.GetProperty("field_message").GetString());
        Assert.Equal(3, line.GetProperty("field_level").GetInt32());
        Assert.Equal("error", line.GetProperty("level").GetString());
        Assert.Equal(1500, line.GetProperty("elapsed_ms").GetDouble());
        Assert.False(line.TryGetProperty("event", out _));
        var exception = line.GetProperty("exception");
        Assert.Equal(typeof(InvalidOperationException).FullName, exception.GetProperty("type").GetString());
        Assert.Equal($"Could not reach {LogScrubber.Phone}", exception.GetProperty("message").GetString());
        Assert.Contains(nameof(Durations_become_milliseconds_reserved_names_are_not_overwritten_and_exceptions_are_structured),
            exception.GetProperty("stack").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_log_names_the_route_template_status_and_duration_under_the_request_trace()
    {
        var lines = new JsonLogLines();
        using var app = new BmoAppFactory()
            .With("Telemetry:RequestLog", "true")
            .With($"Logging:LogLevel:{RequestLog.Category}", "Information")
            .WithServices(s => s.AddSingleton<ILoggerProvider>(lines));
        using var admin = app.CreateAdminClient();
        const string email = "request.log@example.com";
        var created = await (await admin.PostAsJsonAsync("/api/v1/learners", new { email, name = "Rita Log" })).ReadObjectAsync();
        var id = (string)created["id"]!;

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/learners/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/learners/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/no/such/route")).StatusCode);

        var requests = lines.Events(LogEvents.HttpRequest.Name!);
        var reads = requests.Where(r => r.GetProperty("route").GetString() == "/api/v1/learners/{id:guid}").ToList();
        Assert.Equal([200, 404], reads.Select(r => r.GetProperty("status").GetInt32()).Order());
        Assert.All(reads, r =>
        {
            Assert.Equal("GET", r.GetProperty("method").GetString());
            Assert.Equal("info", r.GetProperty("level").GetString());
            Assert.True(r.GetProperty("duration_ms").GetDouble() >= 0);
            Assert.Matches("^[0-9a-f]{32}$", r.GetProperty("trace_id").GetString());
        });
        Assert.NotEqual(reads[0].GetProperty("trace_id").GetString(), reads[1].GetProperty("trace_id").GetString());
        Assert.True(requests.Any(r => r.GetProperty("route").GetString() == "/api/v1/learners" && r.GetProperty("status").GetInt32() == 201), string.Join("\n", requests.Select(r => r.GetProperty("route").GetString() + " " + r.GetProperty("status").GetInt32())));
        Assert.Contains(requests, r => r.GetProperty("route").GetString() == "(unmatched)" && r.GetProperty("status").GetInt32() == 404);
        Assert.DoesNotContain(lines.Raw, l => l.Contains(id, StringComparison.OrdinalIgnoreCase) && l.Contains("http.request", StringComparison.Ordinal));
        Assert.DoesNotContain(lines.Raw, l => l.Contains(email, StringComparison.OrdinalIgnoreCase) || l.Contains("Rita Log", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_setting_no_request_is_logged()
    {
        var lines = new JsonLogLines();
        using var app = new BmoAppFactory()
            .With($"Logging:LogLevel:{RequestLog.Category}", "Information")
            .WithServices(s => s.AddSingleton<ILoggerProvider>(lines));
        using var admin = app.CreateAdminClient();

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/learners")).StatusCode);

        Assert.Empty(lines.Events(LogEvents.HttpRequest.Name!));
    }

    [Fact]
    public async Task A_fallback_is_logged_as_lesson_fallback_with_the_generator_and_the_reason_class()
    {
        using var fake = new FakeModelServer { DefaultReply = FakeReply.ServerError };
        var lines = new JsonLogLines();
        using var harness = GenerationHarness.Create(fake, "openai", lines);

        var draft = await harness.GenerateAsync();

        Assert.Equal(LessonPipeline.FallbackGeneratorName, draft.GeneratorName);
        var fallback = Assert.Single(lines.Events(LogEvents.LessonFallback.Name!));
        Assert.Equal("openai:gpt-4o-mini", fallback.GetProperty("generator").GetString());
        Assert.Equal("server_error", fallback.GetProperty("reason").GetString());
        Assert.Equal(draft.FallbackReason, fallback.GetProperty("detail").GetString());
        Assert.Equal("warn", fallback.GetProperty("level").GetString());
    }

    [Theory]
    [InlineData("openai:gpt-4o-mini: the model answered HTTP 401 Unauthorized", "unauthorized")]
    [InlineData("anthropic:claude-haiku-4-5: the attempt timed out after 10 s", "timeout")]
    [InlineData("openai:gpt-4o-mini: the circuit breaker is open", "circuit_open")]
    [InlineData("openai:gpt-4o-mini: HTTP 429 asked for a wait of 120 s", "rate_limited")]
    [InlineData("openai:gpt-4o-mini: the reply is not JSON", "invalid_output")]
    [InlineData("openai:gpt-4o-mini: HTTP 503", "server_error")]
    [InlineData(null, "unknown")]
    public void Fallback_reasons_fall_into_the_classes_the_runbook_explains(string? reason, string expected) =>
        Assert.Equal(expected, BmoTelemetry.ReasonClass(reason));
}

using System.Net;
using BmoLearning.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BmoLearning.Tests.Telemetry;

/// <summary>OTLP export end to end against a real OTLP/HTTP receiver, and nothing at all when no endpoint is set.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task With_an_otlp_endpoint_the_host_exports_decodable_protobuf_spans_under_its_service_name()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var serviceName = $"bmo-otlp-test-{Guid.NewGuid():N}"[..24];
        using (var factory = new BmoAppFactory()
            .With("Bmo:Roles", "api")
            .With("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.Endpoint)
            .With("OTEL_SERVICE_NAME", serviceName))
        {
            Assert.NotNull(factory.Services.GetService<TracerProvider>());
            // The server's span ends a moment after the client has its response; disposing the host before that
            // would flush the exporter without it (this raced on a loaded CI machine).
            var requestSpanEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var listener = new System.Diagnostics.ActivityListener
            {
                ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
                Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
                ActivityStopped = activity =>
                {
                    if (activity.DisplayName.StartsWith("GET /api/v1/learners", StringComparison.Ordinal))
                    {
                        requestSpanEnded.TrySetResult();
                    }
                },
            };
            System.Diagnostics.ActivitySource.AddActivityListener(listener);
            Assert.Equal(HttpStatusCode.OK, (await factory.CreateAdminClient().GetAsync("/api/v1/learners")).StatusCode);
            await requestSpanEnded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        } // disposing the host flushes the batch exporters

        var traces = receiver.Received.Where(r => r.Path == "/v1/traces").ToList();
        Assert.NotEmpty(traces);
        Assert.All(traces, t => Assert.Equal("application/x-protobuf", t.ContentType));
        var spans = new List<(string Service, string Name, int TraceIdLength, int SpanIdLength)>();
        foreach (var (_, _, body) in traces)
        {
            // ExportTraceServiceRequest.resource_spans(1) → resource(1).attributes(1), scope_spans(2).spans(2)
            foreach (var resourceSpans in Protobuf.All(body, 1))
            {
                var service = Protobuf.All(resourceSpans.Bytes, 1)
                    .SelectMany(resource => Protobuf.All(resource.Bytes, 1))
                    .Select(kv => (Key: Protobuf.All(kv.Bytes, 1).Single().Text, Value: Protobuf.All(kv.Bytes, 2).SingleOrDefault()))
                    .Where(kv => kv.Key == "service.name")
                    .Select(kv => Protobuf.All(kv.Value.Bytes, 1).Single().Text)
                    .Single();
                foreach (var span in Protobuf.All(resourceSpans.Bytes, 2).SelectMany(scope => Protobuf.All(scope.Bytes, 2)))
                {
                    var fields = Protobuf.Read(span.Bytes);
                    spans.Add((service, fields.Single(f => f.Number == 5).Text,
                        fields.Single(f => f.Number == 1).Bytes.Length, fields.Single(f => f.Number == 2).Bytes.Length));
                }
            }
        }

        var request = spans.SingleOrDefault(s => s.Service == serviceName && s.Name.StartsWith("GET /api/v1/learners", StringComparison.Ordinal));
        Assert.True(request.Name is not null, $"no request span; received: {string.Join(", ", spans.Select(s => $"{s.Service}/{s.Name}").Distinct().Take(30))}");
        Assert.Equal(16, request.TraceIdLength);
        Assert.Equal(8, request.SpanIdLength);
        Assert.Contains(receiver.Received, r => r.Path == "/v1/metrics" && r.Body.Length > 0);
    }

    [Fact]
    public void Without_an_endpoint_or_emf_no_telemetry_provider_is_registered()
    {
        using var factory = new BmoAppFactory().With("Bmo:Roles", "api");

        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.Null(factory.Services.GetService<MeterProvider>());
    }
}

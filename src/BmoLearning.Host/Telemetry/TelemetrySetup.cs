using BmoLearning.Core.Telemetry;
using BmoLearning.Host.Errors;
using BmoLearning.Host.Hosting;
using BmoLearning.Host.Redis;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Instrumentation.StackExchangeRedis;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BmoLearning.Host.Telemetry;

/// <summary>
/// OpenTelemetry for every role (issue 16): traces (ASP.NET Core, HttpClient, EF Core, Redis and the app's own
/// spans), metrics (the same plus runtime and the app's Meter) and logs. Export is OTLP when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set (http/protobuf unless OTEL_EXPORTER_OTLP_PROTOCOL=grpc) and/or EMF on
/// stdout when Telemetry:Emf is true; with neither (and Telemetry:Enabled unset) nothing is registered, so a
/// plain `bmo serve` or a test host pays nothing.
/// </summary>
public static class TelemetrySetup
{
    public const string DefaultServiceName = "bmo-learning";

    public static WebApplicationBuilder AddBmoTelemetry(this WebApplicationBuilder builder, Roles roles)
    {
        var configuration = builder.Configuration;
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var endpoint = configuration[TelemetryOptions.OtlpEndpointKey];
        var otlp = !string.IsNullOrWhiteSpace(endpoint);
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section);
        if (!otlp && !options.Emf && !options.Enabled)
        {
            return builder;
        }

        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString())
                .AddAttributes([new("bmo.role", string.Join(",", RoleNames.Names(roles)))]))
            .WithTracing(tracing =>
            {
                tracing.AddSource(BmoTelemetry.Name)
                    .SetSampler(Sampler(configuration))
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        o.RecordException = false;
                        // Lesson-link tokens are credentials (issue 17): the path on the span names the route, not the token.
                        o.EnrichWithHttpRequest = (activity, request) =>
                        {
                            if (request.Path.StartsWithSegments("/l"))
                            {
                                activity.SetTag("url.path", LogRedaction.Path(request.Path));
                            }
                        };
                    })
                    .AddHttpClientInstrumentation(o => o.RecordException = false)
                    .AddEntityFrameworkCoreInstrumentation()
                    .AddRedisInstrumentation()
                    .ConfigureRedisInstrumentation((sp, redis) =>
                    {
                        if (sp.GetRequiredService<RedisConnection>() is { IsConfigured: true } connection)
                        {
                            redis.AddConnection(connection.Multiplexer);
                        }
                    });
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BmoTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (options.Emf)
                {
                    metrics.AddReader(_ => new PeriodicExportingMetricReader(
                        new EmfMetricExporter(Console.Out, options.MetricsNamespace),
                        exportIntervalMilliseconds: Math.Max(1, options.EmfIntervalSeconds) * 1000)
                    {
                        TemporalityPreference = MetricReaderTemporalityPreference.Delta,
                    });
                }
            });
        builder.Services.AddHostedService<TelemetryGauges>();
        if (otlp)
        {
            builder.Logging.AddOpenTelemetry(o =>
            {
                // The message template's values are in the attributes; the formatted text would repeat them.
                o.IncludeFormattedMessage = true;
                o.IncludeScopes = false;
            });
            var protocol = string.Equals(configuration["OTEL_EXPORTER_OTLP_PROTOCOL"], "grpc", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.Grpc
                : OtlpExportProtocol.HttpProtobuf;
            telemetry.UseOtlpExporter(protocol, new Uri(endpoint!));
        }

        return builder;
    }

    /// <summary>OTEL_TRACES_SAMPLER as the ECS task sets it (parentbased_traceidratio with a ratio); everything otherwise.</summary>
    private static OpenTelemetry.Trace.Sampler Sampler(IConfiguration configuration)
    {
        var ratio = double.TryParse(configuration["OTEL_TRACES_SAMPLER_ARG"], System.Globalization.CultureInfo.InvariantCulture, out var r) ? Math.Clamp(r, 0, 1) : 1.0;
        return configuration["OTEL_TRACES_SAMPLER"]?.ToLowerInvariant() switch
        {
            "traceidratio" => new TraceIdRatioBasedSampler(ratio),
            "parentbased_traceidratio" => new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio)),
            "always_off" => new AlwaysOffSampler(),
            "parentbased_always_off" => new ParentBasedSampler(new AlwaysOffSampler()),
            _ => new ParentBasedSampler(new AlwaysOnSampler()),
        };
    }
}

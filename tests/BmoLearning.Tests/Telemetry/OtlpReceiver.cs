using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Tests.Telemetry;

/// <summary>
/// A real OTLP/HTTP receiver on loopback: Kestrel accepting POST /v1/traces, /v1/metrics and /v1/logs with
/// protobuf bodies, as a collector does. Keeps every body for the test to decode.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> Received { get; } = new();

    public string Endpoint => _app.Urls.First();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        foreach (var signal in new[] { "/v1/traces", "/v1/metrics", "/v1/logs" })
        {
            app.MapPost(signal, async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                receiver.Received.Enqueue((signal, request.ContentType, body.ToArray()));
                // An empty ExportTraceServiceResponse (no partial success) is an empty protobuf message.
                return Results.Bytes([], "application/x-protobuf");
            });
        }

        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// Just enough of the protobuf wire format to read OTLP: fields of a message, failing on anything malformed
/// (unknown wire type, a length past the end), so "decodes" means the body is well-formed protobuf.
/// </summary>
public static class Protobuf
{
    public readonly record struct Field(int Number, int WireType, ulong Varint, ReadOnlyMemory<byte> Bytes)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Bytes.Span);
    }

    public static List<Field> Read(ReadOnlyMemory<byte> message)
    {
        var fields = new List<Field>();
        var span = message.Span;
        var position = 0;
        while (position < span.Length)
        {
            var key = Varint(span, ref position);
            var number = (int)(key >> 3);
            var wireType = (int)(key & 7);
            if (number == 0)
            {
                throw new FormatException("field number 0");
            }

            switch (wireType)
            {
                case 0:
                    fields.Add(new Field(number, 0, Varint(span, ref position), default));
                    break;
                case 1 or 2 or 5:
                    var length = wireType switch { 1 => 8, 5 => 4, _ => (int)Varint(span, ref position) };
                    if (length < 0 || position + length > span.Length)
                    {
                        throw new FormatException("length past the end of the message");
                    }

                    fields.Add(new Field(number, wireType, 0, message.Slice(position, length)));
                    position += length;
                    break;
                default:
                    throw new FormatException($"wire type {wireType}");
            }
        }

        return fields;
    }

    public static IEnumerable<Field> All(ReadOnlyMemory<byte> message, int number) => Read(message).Where(f => f.Number == number);

    private static ulong Varint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= span.Length)
            {
                throw new FormatException("truncated varint");
            }

            var b = span[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("varint too long");
    }
}

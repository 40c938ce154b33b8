using System.Diagnostics;

namespace BmoLearning.Bench;

/// <summary>
/// Open-loop load at a fixed rate: requests are sent on schedule whether or not earlier ones have
/// returned, and latency is measured from the scheduled time, so a stall shows up as latency
/// (no coordinated omission). Bounded in count and time; loopback only.
/// </summary>
internal static class LoadGenerator
{
    public sealed record Result(Stats Latency, double AchievedRps, int Errors, TimeSpan Duration);

    public static async Task<Result> RunAsync(int ratePerSecond, TimeSpan duration, Func<int, Task<bool>> send)
    {
        var total = (int)(ratePerSecond * duration.TotalSeconds);
        var interval = TimeSpan.FromSeconds(1.0 / ratePerSecond);
        var latencies = new double[total];
        var errors = 0;
        var clock = Stopwatch.StartNew();
        var inflight = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var scheduled = interval * i;
            var wait = scheduled - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var index = i;
            inflight.Add(Task.Run(async () =>
            {
                var ok = false;
                try
                {
                    ok = await send(index);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // A refused connection or a client timeout is an error, not the end of the run.
                }

                latencies[index] = (clock.Elapsed - scheduled).TotalMilliseconds;
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }));
        }

        await Task.WhenAll(inflight);
        var elapsed = clock.Elapsed;
        return new Result(new Stats(latencies), total / elapsed.TotalSeconds, errors, elapsed);
    }

    /// <summary>
    /// Closed loop: <paramref name="connections"/> workers each send the next request as soon as the last one
    /// returned, for <paramref name="duration"/>. The completed requests per second are the maximum throughput
    /// at that concurrency.
    /// </summary>
    public static async Task<Result> RunClosedAsync(int connections, TimeSpan duration, Func<int, Task<bool>> send)
    {
        var latencies = new List<double>[connections];
        var errors = 0;
        var sent = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                var ok = false;
                try
                {
                    ok = await send(Interlocked.Increment(ref sent));
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // A refused connection or a client timeout is an error, not the end of the run.
                }

                mine.Add((clock.Elapsed - started).TotalMilliseconds);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).ToArray();
        return new Result(new Stats(all), all.Length / elapsed.TotalSeconds, errors, elapsed);
    }
}

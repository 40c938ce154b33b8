using System.CommandLine;
using BmoLearning.Core.Demo;
using BmoLearning.Core.Jobs;
using BmoLearning.Host.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BmoLearning.Host.Cli;

/// <summary>
/// `bmo demo-data --learners N --days D [--force]`: teams, enrolments, lessons, deliveries and answers made through the
/// platform's services on a clock that moves over the days (see <see cref="DemoDataGenerator"/>).
/// </summary>
public static class DemoDataCommand
{
    /// <summary>Exit code when the database has real learners and --force was not given.</summary>
    public const int RefusedExitCode = 3;

    private static readonly Option<int> LearnersOption = new Option<int>("--learners")
    {
        Description = "How many demo learners (spread over five teams).",
        DefaultValueFactory = _ => 100,
    }.AcceptRange(1, 100_000);

    private static readonly Option<int> DaysOption = new Option<int>("--days")
    {
        Description = "How many days of activity, ending today.",
        DefaultValueFactory = _ => 30,
    }.AcceptRange(1, 365);

    private static readonly Option<bool> ForceOption = new("--force")
    {
        Description = "Add demo data even though the database has real learners (their reports will include demo activity).",
    };

    public static Command Create()
    {
        var command = new Command("demo-data", "Generate realistic demo activity (learners, enrolments, lessons, deliveries, answers) through the platform's services.")
        {
            LearnersOption, DaysOption, ForceOption, BmoCommandLine.DataDirOption,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) =>
        {
            var learners = parse.GetValue(LearnersOption);
            var days = parse.GetValue(DaysOption);
            var force = parse.GetValue(ForceOption);
            var clock = new DemoClock(DateTimeOffset.UtcNow);
            return DataCommands.RunAsync(parse, async (services, token) =>
            {
                await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
                var generator = services.GetRequiredService<DemoDataGenerator>();
                if (await generator.RefusalAsync(force, token) is { } refusal)
                {
                    await Console.Error.WriteLineAsync($"demo-data refused: {refusal}");
                    return RefusedExitCode;
                }

                Console.WriteLine($"Generating {learners} learners over {days} days...");
                var summary = await generator.RunAsync(learners, days, (day, s) =>
                {
                    if (day % 10 == 0 || day == days)
                    {
                        Console.WriteLine($"day {day}/{days}: {s.Lessons} lessons, {s.Deliveries} deliveries, {s.Answers} answers ({s.AnswersPerSecond:0.0} answers/s)");
                    }
                }, token);
                Console.WriteLine($"Done in {summary.Elapsed.TotalSeconds:0.0} s: {summary.Learners} learners, {summary.Enrolled} enrolled, {summary.Lessons} lessons, {summary.Deliveries} deliveries, {summary.Answers} answers ({summary.AnswersPerSecond:0.0} answers/s).");
                return 0;
            }, ct, replace: s =>
            {
                s.RemoveAll<TimeProvider>();
                s.AddSingleton(clock);
                s.AddSingleton<TimeProvider>(clock);
                s.RemoveAll<IJobQueue>();
                s.AddSingleton<InlineJobQueue>();
                s.AddSingleton<IJobQueue>(sp => sp.GetRequiredService<InlineJobQueue>());
                s.AddSingleton<DemoDataGenerator>();
            });
        });
        return command;
    }
}

using System.Text;
using BmoLearning.Core.Data;
using BmoLearning.Core.Demo;
using BmoLearning.Core.Learners.Import;
using BmoLearning.Host.Cli;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Cli;

/// <summary>`bmo demo-data` on a seeded embedded database: it refuses real learners without --force, and makes activity through the services.</summary>
public sealed class DemoDataCommandTests
{
    [SqliteFact]
    public async Task Refuses_a_database_with_real_learners_unless_forced_then_generates_activity_through_the_services()
    {
        await using var core = await CoreServices.CreateAsync(seeded: true);
        await using (var scope = core.Scope())
        {
            var real = await scope.ServiceProvider.GetRequiredService<LearnerCsvImport>()
                .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes("email,name\nreal.person@bank.example,Real Person\n")), null, CancellationToken.None);
            Assert.Equal(1, real.Count(LearnerImportOutcome.Created));
        }

        var refused = await BmoCommandLine.RunAsync(["demo-data", "--learners", "6", "--days", "3", "--data-dir", core.DataDir]);

        Assert.Equal(DemoDataCommand.RefusedExitCode, refused);
        await using (var scope = core.Scope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AppDbContext>().Learners.CountAsync());
        }

        Assert.Equal(0, await BmoCommandLine.RunAsync(["demo-data", "--learners", "6", "--days", "3", "--force", "--data-dir", core.DataDir]));

        await using (var scope = core.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var demo = await db.Learners.Where(l => l.Email.EndsWith("@" + DemoDataGenerator.Domain)).ToListAsync();
            Assert.Equal(6, demo.Count);
            Assert.Equal(5, demo.Select(l => l.Team).Distinct().Count());
            Assert.Equal(6, await db.Enrolments.CountAsync());
            var lessons = await db.Lessons.CountAsync();
            var answers = await db.QuizResponses.Select(r => r.CreatedAt).ToListAsync();
            Assert.True(lessons >= 6, $"{lessons} lessons");
            Assert.True(answers.Count >= 3 && answers.Count <= lessons, $"{answers.Count} answers for {lessons} lessons");
            Assert.True(await db.LessonDeliveries.CountAsync() >= lessons / 2);
            // The activity is spread over the simulated days, not stamped at one moment.
            Assert.True(answers.Select(a => a.UtcDateTime.Date).Distinct().Count() >= 2, string.Join(", ", answers));
        }
    }

    [SqliteFact]
    public async Task Out_of_range_counts_are_usage_errors()
    {
        var dataDir = TempDirectory.Create("bmo-demo");
        Assert.Equal(2, await BmoCommandLine.RunAsync(["demo-data", "--learners", "0", "--data-dir", dataDir]));
        Assert.Equal(2, await BmoCommandLine.RunAsync(["demo-data", "--days", "400", "--data-dir", dataDir]));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dataDir));
    }
}

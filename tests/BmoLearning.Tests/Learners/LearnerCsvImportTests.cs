using System.Text;
using BmoLearning.Core.Analytics;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Learners.Import;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Learners;

/// <summary>The console's learner CSV import, on a real migrated database, without a browser.</summary>
public sealed class LearnerCsvImportTests : IAsyncLifetime
{
    private const string Header = "email,name,team,phone,slack_id,time_zone\n";
    private CoreServices _core = null!;

    public async Task InitializeAsync() => _core = await CoreServices.CreateAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private async Task<LearnerImportReport> ImportAsync(byte[] bytes, IReadOnlyCollection<string>? teams = null)
    {
        await using var scope = _core.Scope();
        return await scope.ServiceProvider.GetRequiredService<LearnerCsvImport>().ImportAsync(new MemoryStream(bytes), teams, CancellationToken.None);
    }

    private Task<LearnerImportReport> ImportAsync(string csv, IReadOnlyCollection<string>? teams = null) => ImportAsync(Encoding.UTF8.GetBytes(csv), teams);

    private async Task<int> CountLearnersAsync()
    {
        await using var scope = _core.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Learners.CountAsync();
    }

    [Fact]
    public async Task Good_rows_are_imported_and_a_bad_row_is_rejected_with_field_and_reason()
    {
        var report = await ImportAsync(Header +
            "ana@example.com,Ana Silva,Cards,+14165550101,U012AB3CD,America/Toronto\n" +
            "ben@example.com,Ben Ode,Cards,,,\n" +
            "not-an-email,Bad Row,Cards,,,\n" +
            "cy@example.com,\"Cy, Jr.\",Branch,,,Europe/London\n" +
            "dee@example.com,Dee,Branch,12345,,\n");

        Assert.False(report.Refused);
        Assert.Equal(5, report.Rows.Count);
        Assert.Equal(3, report.Count(LearnerImportOutcome.Created));
        var rejected = report.Rows.Where(r => r.Outcome == LearnerImportOutcome.Rejected).ToList();
        Assert.Equal([4, 6], rejected.Select(r => r.Line));
        Assert.Equal("email", Assert.Single(rejected[0].Errors).Field);
        Assert.Contains("E.164", Assert.Single(rejected[1].Errors, e => e.Field == "phone").Reason);
        Assert.Equal(3, await CountLearnersAsync());

        await using var scope = _core.Scope();
        var ana = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Learners.SingleAsync(l => l.Email == "ana@example.com");
        Assert.Equal(("Ana Silva", "Cards", "+14165550101", "U012AB3CD", "America/Toronto"), (ana.Name, ana.Team, ana.Phone, ana.SlackUserId, ana.TimeZone));
    }

    [Fact]
    public async Task Importing_again_is_idempotent_on_email_and_updates_what_changed()
    {
        await ImportAsync(Header + "ana@example.com,Ana,Cards,,,\nben@example.com,Ben,Cards,,,\n");
        var again = await ImportAsync(Header + "ANA@example.com,Ana,Cards,,,\nben@example.com,Ben Ode,Branch,,,\n");

        Assert.Equal([LearnerImportOutcome.Unchanged, LearnerImportOutcome.Updated], again.Rows.Select(r => r.Outcome));
        Assert.Contains("name, team", again.Rows[1].Notes.Single());
        Assert.Equal(2, await CountLearnersAsync());
    }

    [Fact]
    public async Task The_same_email_twice_in_one_file_keeps_the_first_row()
    {
        var report = await ImportAsync(Header + "ana@example.com,Ana,,,,\nana@example.com,Ana Again,,,,\n");

        Assert.Equal(LearnerImportOutcome.Created, report.Rows[0].Outcome);
        Assert.Contains("line 2", Assert.Single(report.Rows[1].Errors).Reason);
        Assert.Equal(1, await CountLearnersAsync());
    }

    [Theory]
    [InlineData("email,full_name\n", "Unknown column \"full_name\"")]
    [InlineData("name,team\nAna,Cards\n", "Missing column \"email\"")]
    [InlineData("team\nCards\n", "Missing columns \"email\" and \"name\"")]
    [InlineData("email,name,email\n", "\"email\" appears twice")]
    [InlineData("", "empty")]
    [InlineData("email,name\n\"ana@example.com,Ana\n", "never closed")]
    public async Task A_file_with_wrong_columns_is_refused_naming_the_column_and_nothing_is_written(string csv, string expected)
    {
        var report = await ImportAsync(csv);

        Assert.True(report.Refused);
        Assert.Contains(expected, report.Refusal);
        Assert.Equal(0, await CountLearnersAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused_with_the_encoding_named()
    {
        var latin1 = Encoding.Latin1.GetBytes(Header + "jose@example.com,José Núñez,Cards,,,\n");

        var report = await ImportAsync(latin1);

        Assert.True(report.Refused);
        Assert.Contains("not UTF-8", report.Refusal);
        Assert.Equal(0, await CountLearnersAsync());
    }

    [Fact]
    public async Task A_utf8_file_with_a_byte_order_mark_is_read()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + "jose@example.com,José Núñez,Cards,,,\n")).ToArray();

        var report = await ImportAsync(bytes);

        Assert.Equal(LearnerImportOutcome.Created, Assert.Single(report.Rows).Outcome);
    }

    [Fact]
    public async Task A_utf16_file_is_refused()
    {
        var report = await ImportAsync(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Header)).ToArray());

        Assert.Contains("UTF-16", report.Refusal);
    }

    [Fact]
    public async Task Fifty_thousand_rows_are_refused_quickly_with_the_limit_and_nothing_is_written()
    {
        var csv = new StringBuilder(Header);
        for (var i = 0; i < 50_000; i++)
        {
            csv.Append("learner").Append(i).Append("@example.com,Learner ").Append(i).Append(",Cards,,,\n");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var report = await ImportAsync(csv.ToString());

        Assert.True(report.Refused);
        Assert.Contains("50,000 rows", report.Refusal);
        Assert.Contains("10,000", report.Refusal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"refusing took {clock.Elapsed}");
        Assert.Equal(0, await CountLearnersAsync());
    }

    [Fact]
    public async Task Formula_prefixes_are_stored_neutralised_and_stay_neutral_in_csv_exports()
    {
        var report = await ImportAsync(Header +
            "ana@example.com,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",+Cards,,,\n" +
            "ben@example.com,@SUM(A1),-Branch,,,\n" +
            "=cmd@example.com,Mallory,,,,\n");

        Assert.Equal(2, report.Count(LearnerImportOutcome.Created));
        Assert.Contains("formula", Assert.Single(report.Rows, r => r.Outcome == LearnerImportOutcome.Rejected).Errors.Single().Reason);
        Assert.NotEmpty(report.Rows[0].Notes);

        await using var scope = _core.Scope();
        var learners = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Learners.OrderBy(l => l.Email).ToListAsync();
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"click\")", learners[0].Name);
        Assert.Equal("'+Cards", learners[0].Team);
        Assert.Equal(("'@SUM(A1)", "'-Branch"), (learners[1].Name, learners[1].Team));

        // The export never turns the stored value back into a formula, and neutralises one written any other way.
        Assert.Equal("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"", CsvWriter.Cell(learners[0].Name));
        Assert.Equal("'=1+1", AnalyticsCsv.Cell("=1+1"));
        Assert.All(new[] { "=A", "+A", "-A", "@A", "\tA" }, v => Assert.StartsWith("'", CsvWriter.Cell(v)));
    }

    [Fact]
    public async Task A_manager_imports_only_into_their_own_teams()
    {
        await ImportAsync(Header + "other@example.com,Other,Treasury,,,\n");

        var report = await ImportAsync(Header + "ana@example.com,Ana,cards,,,\nben@example.com,Ben,Treasury,,,\nother@example.com,Other Renamed,Cards,,,\n", teams: ["Cards"]);

        Assert.Equal(LearnerImportOutcome.Created, report.Rows[0].Outcome);
        Assert.Equal("team", report.Rows[1].Errors.Single().Field);
        Assert.Contains("outside your teams", report.Rows[2].Errors.Single().Reason);
        await using var scope = _core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal("Cards", (await db.Learners.SingleAsync(l => l.Email == "ana@example.com")).Team);
        Assert.Equal("Other", (await db.Learners.SingleAsync(l => l.Email == "other@example.com")).Name);
    }

    [Fact]
    public async Task A_row_with_the_wrong_number_of_fields_is_rejected_and_quoted_line_breaks_keep_line_numbers()
    {
        var report = await ImportAsync("email,name\n\"ana@example.com\",\"Ana\nSilva\"\nben@example.com\ncy@example.com,Cy\n");

        Assert.Equal([2, 4, 5], report.Rows.Select(r => r.Line));
        Assert.Equal(LearnerImportOutcome.Rejected, report.Rows[1].Outcome);
        Assert.Contains("has 1 fields", report.Rows[1].Errors.Single().Reason);
        Assert.Equal(2, report.Count(LearnerImportOutcome.Created));
    }
}

using BmoLearning.Core.Adaptive;
using BmoLearning.Core.Data;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Jobs;

/// <summary>The one helper for rows a unique index keeps single; runs on whichever provider the suite targets.</summary>
public sealed class IdempotentInsertTests
{
    [Fact]
    public async Task The_loser_of_a_race_gets_the_winners_row_instead_of_an_error()
    {
        await using var core = await CoreServices.CreateAsync();
        await using var loserScope = core.Services.CreateAsyncScope();
        await using var winnerScope = core.Services.CreateAsyncScope();
        var loser = loserScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var winner = winnerScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hash = new string('a', 64);

        // The loser looked and found nothing; the winner inserts before the loser does.
        Assert.False(await loser.Concepts.AnyAsync(c => c.ContentHash == hash));
        var first = await winner.InsertOrGetAsync(NewConcept(hash, "winner"), c => c.ContentHash == hash, CancellationToken.None);
        var second = await loser.InsertOrGetAsync(NewConcept(hash, "loser"), c => c.ContentHash == hash, CancellationToken.None);

        Assert.True(first.Inserted);
        Assert.False(second.Inserted);
        Assert.Equal(first.Row.Id, second.Row.Id);
        Assert.Equal("winner", second.Row.Label);
        Assert.Equal(1, await winner.Concepts.CountAsync(c => c.ContentHash == hash));
        // The loser's context is usable afterwards: its failed insert is no longer pending.
        Assert.DoesNotContain(loser.ChangeTracker.Entries(), e => e.State == EntityState.Added);
    }

    [Fact]
    public async Task A_failure_that_is_not_a_duplicate_key_is_not_hidden()
    {
        await using var core = await CoreServices.CreateAsync();
        await using var scope = core.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var link = new LessonConcept { LessonId = Guid.NewGuid(), ConceptId = Guid.NewGuid() }; // neither exists: a foreign key fails

        await Assert.ThrowsAsync<DbUpdateException>(() =>
            db.InsertOrGetAsync(link, l => l.LessonId == link.LessonId && l.ConceptId == link.ConceptId, CancellationToken.None));
    }

    private static Concept NewConcept(string hash, string label) =>
        new() { ContentHash = hash, Label = label, CreatedAt = DateTimeOffset.UtcNow };
}

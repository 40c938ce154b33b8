using BmoLearning.Ai.Generation;
using BmoLearning.Ai.Generation.Quality;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Governance.Audit;
using BmoLearning.Core.Lessons;
using BmoLearning.Safety;
using BmoLearning.Safety.Rules;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Ai.Governance;

/// <summary>The fields a reviewer may change; a null field keeps the lesson's current value.</summary>
public sealed record LessonEditFields(
    string? Content = null,
    IReadOnlyList<string>? KeyPoints = null,
    string? Scenario = null,
    string? QuizQuestion = null,
    IReadOnlyList<string>? QuizOptions = null,
    int? CorrectAnswer = null,
    string? Explanation = null);

/// <summary>
/// A reviewer's edit of a lesson (issue 14): the edited lesson must pass what a generated one passes — the lesson
/// contract (<see cref="LessonValidator"/>), the quiz-quality checks and the safety pipeline generation uses — or
/// nothing is changed. The topic, difficulty and sources are not editable: they are what the library matches on and
/// what stale detection follows. The status is kept (an edit by the reviewer is itself reviewed); stale and retired
/// lessons cannot be edited (regenerate or leave them). Personal data in an edit is refused, not silently redacted.
/// </summary>
public sealed class LessonEdit(AppDbContext db, SafetyPipeline safety, AuditLog audit, TimeProvider time)
{
    public async Task<ServiceResult<Lesson>> EditAsync(Guid lessonId, LessonEditFields edit, string? reason, string reviewer, CancellationToken ct)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is null or { Length: > Core.Governance.Lifecycle.LessonReview.MaxReasonLength })
        {
            return ServiceResult<Lesson>.Invalid("reason", reason is null
                ? "is required to edit a lesson."
                : $"must be at most {Core.Governance.Lifecycle.LessonReview.MaxReasonLength} characters.");
        }

        if (edit == new LessonEditFields())
        {
            return ServiceResult<Lesson>.Invalid("lesson", "an edit needs at least one lesson field (content, key_points, scenario, quiz_question, quiz_options, correct_answer or explanation).");
        }

        var lesson = await db.Lessons.SingleOrDefaultAsync(l => l.Id == lessonId, ct);
        if (lesson is null)
        {
            return ServiceResult<Lesson>.NotFound($"Lesson {lessonId} does not exist.");
        }

        if (lesson.Status is LessonStatus.Stale or LessonStatus.Retired)
        {
            return ServiceResult<Lesson>.Conflict($"Lesson {lessonId} is {lesson.Status.ToString().ToLowerInvariant()}; it cannot be edited.");
        }

        var before = Merge(lesson, new LessonEditFields());
        var draft = Merge(lesson, edit);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var sourceIds = lesson.Sources.Select(s => s.ChunkId).ToList();
        foreach (var problem in LessonValidator.Validate(draft, sourceIds))
        {
            Add(errors, ValidatorField(problem), problem);
        }

        if (errors.Count == 0)
        {
            // The answer's support by its sources was judged at generation; it is judged again only when the quiz changed.
            var quizChanged = edit.QuizQuestion is not null || edit.QuizOptions is not null || edit.CorrectAnswer is not null;
            var cited = await db.KnowledgeChunks.Where(c => sourceIds.Contains(c.Id)).Select(c => c.Text).ToListAsync(ct);
            foreach (var problem in QuizQualityChecker.Check(new QuizItem(draft.QuizQuestion, draft.QuizOptions, draft.CorrectAnswer), cited, checkAnswerSupport: quizChanged))
            {
                Add(errors, "quiz", problem.ToString());
            }
        }

        var report = await safety.EvaluateAsync(LessonText.Join(draft), SafetyPurpose.GeneratedLesson, ct);
        if (Refused(report).Any())
        {
            // The joined text is checked once (remote checks cost a call); the deterministic checks then name the field.
            var located = false;
            foreach (var (field, text) in Fields(draft))
            {
                foreach (var issue in Refused(safety.Evaluate(text, SafetyPurpose.GeneratedLesson)))
                {
                    Add(errors, field, $"safety ({issue.Code}): {issue.Message}");
                    located = true;
                }
            }

            if (!located)
            {
                foreach (var issue in Refused(report))
                {
                    Add(errors, "lesson", $"safety ({issue.Code}): {issue.Message}");
                }
            }
        }

        if (errors.Count > 0)
        {
            return ServiceResult<Lesson>.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        var joined = LessonText.Join(draft);
        var disclaimer = FinancialContentRules.NeedsDisclaimer(joined) && !FinancialContentRules.HasDisclaimer(joined) ? FinancialContentRules.StandardDisclaimer : null;
        var changed = Changed(before, draft);
        lesson.Content = disclaimer is null ? draft.Content : $"{draft.Content.TrimEnd()}\n\n{disclaimer}";
        lesson.KeyPoints = [.. draft.KeyPoints];
        lesson.Scenario = draft.Scenario;
        lesson.QuizQuestion = draft.QuizQuestion;
        lesson.QuizOptions = [.. draft.QuizOptions];
        lesson.CorrectAnswer = draft.CorrectAnswer;
        lesson.Explanation = draft.Explanation;
        lesson.SafetyIssues = [.. lesson.SafetyIssues.Concat(report.Issues.Select(i => i.Code).Where(c => c != SafetyIssueCodes.DisclaimerMissing)).Distinct(StringComparer.Ordinal)];
        lesson.ReviewedBy = reviewer;
        lesson.ReviewedAt = time.GetUtcNow();
        lesson.ReviewReason = reason;
        await db.SaveChangesAsync(ct);
        // What changed and how it was checked; never the text itself.
        await audit.AppendAfterActAsync(reviewer, AuditActions.LessonEdited, "lesson", lesson.Id.ToString(),
            new { fields = changed, status = lesson.Status.ToString().ToLowerInvariant(), safetyIssues = lesson.SafetyIssues });
        return ServiceResult<Lesson>.Ok(lesson);
    }

    /// <summary>The lesson as a draft with the edit applied; a trailing standard disclaimer is set aside (it is outside the word limit).</summary>
    private static LessonDraft Merge(Lesson lesson, LessonEditFields edit)
    {
        var content = (edit.Content ?? lesson.Content).Trim();
        if (content.EndsWith(FinancialContentRules.StandardDisclaimer, StringComparison.Ordinal))
        {
            content = content[..^FinancialContentRules.StandardDisclaimer.Length].TrimEnd();
        }

        return new LessonDraft(
            content,
            [.. (edit.KeyPoints ?? lesson.KeyPoints).Select(k => k?.Trim() ?? string.Empty)],
            (edit.Scenario ?? lesson.Scenario).Trim(),
            (edit.QuizQuestion ?? lesson.QuizQuestion).Trim(),
            [.. (edit.QuizOptions ?? lesson.QuizOptions).Select(o => o?.Trim() ?? string.Empty)],
            edit.CorrectAnswer ?? lesson.CorrectAnswer,
            (edit.Explanation ?? lesson.Explanation).Trim(),
            [.. lesson.Sources.Select(s => s.ChunkId)]);
    }

    private static List<string> Changed(LessonDraft before, LessonDraft after)
    {
        var old = Fields(before).ToLookup(f => f.Field, f => f.Text);
        var changed = Fields(after).ToLookup(f => f.Field, f => f.Text)
            .Where(g => !g.SequenceEqual(old[g.Key], StringComparer.Ordinal)).Select(g => g.Key).ToList();
        if (before.CorrectAnswer != after.CorrectAnswer)
        {
            changed.Add("correct_answer");
        }

        return changed;
    }

    private static IEnumerable<(string Field, string Text)> Fields(LessonDraft draft)
    {
        yield return ("content", draft.Content);
        foreach (var point in draft.KeyPoints)
        {
            yield return ("key_points", point);
        }

        yield return ("scenario", draft.Scenario);
        yield return ("quiz_question", draft.QuizQuestion);
        foreach (var option in draft.QuizOptions)
        {
            yield return ("quiz_options", option);
        }

        yield return ("explanation", draft.Explanation);
    }

    /// <summary>Errors, and personal data: a generated lesson's is redacted, a reviewer is asked to take it out.</summary>
    private static IEnumerable<SafetyIssue> Refused(SafetyReport report) =>
        report.Issues.Where(i => i.Severity == SafetySeverity.Error || report.PiiDetected && i.Code.StartsWith("pii.", StringComparison.Ordinal));

    /// <summary>The validator's messages start with the field they are about.</summary>
    private static string ValidatorField(string problem) => problem.Split(' ', 2)[0] switch
    {
        "content" or "key_points" or "scenario" or "quiz_question" or "quiz_options" or "correct_answer" => problem.Split(' ', 2)[0],
        _ => "sources",
    };

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        if (!list.Contains(message, StringComparer.Ordinal))
        {
            list.Add(message);
        }
    }
}

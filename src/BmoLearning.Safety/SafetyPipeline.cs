using System.Text.RegularExpressions;
using BmoLearning.Safety.Injection;
using BmoLearning.Safety.Pii;
using BmoLearning.Safety.Rules;

namespace BmoLearning.Safety;

/// <summary>
/// One safety pass for topics, generated lessons and document text: PII redaction always, prompt-injection
/// detection for topics and documents, financial-content rules for lessons (and the rate-or-return guarantee
/// rule for topics too), then any additional checks. Every check reads text with look-alike letters folded.
/// </summary>
public sealed class SafetyPipeline(
    PiiDetector piiDetector,
    PromptInjectionDetector injectionDetector,
    FinancialContentRules financialRules,
    IEnumerable<ISafetyCheck> additionalChecks)
{
    private readonly ISafetyCheck[] _additionalChecks = [.. additionalChecks];

    /// <summary>Deterministic checks only.</summary>
    public SafetyPipeline()
        : this(new PiiDetector(), new PromptInjectionDetector(), new FinancialContentRules(), [])
    {
    }

    /// <summary>Deterministic checks plus remote ones (moderation, an LLM judge).</summary>
    public SafetyPipeline(IEnumerable<ISafetyCheck> additionalChecks)
        : this(new PiiDetector(), new PromptInjectionDetector(), new FinancialContentRules(), additionalChecks)
    {
    }

    /// <summary>Runs the deterministic checks synchronously; cheap enough for every request.</summary>
    public SafetyReport Evaluate(string text, SafetyPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(text);
        var issues = new List<SafetyIssue>();
        IReadOnlyList<PiiFinding> findings = [];
        var verdict = InjectionVerdict.Clean;
        var redacted = string.Empty;
        try
        {
            findings = piiDetector.Detect(text);
            redacted = PiiRedactor.Redact(text, findings);
            issues.AddRange(PiiCheck.IssuesFor(findings));

            if (purpose is SafetyPurpose.Topic or SafetyPurpose.DocumentText)
            {
                verdict = injectionDetector.Analyze(text);
                issues.AddRange(PromptInjectionCheck.IssuesFor(verdict));
            }

            if (purpose == SafetyPurpose.Topic)
            {
                // "tell learners a 0% APR is guaranteed forever": a topic may not dictate a promise to the lesson.
                issues.AddRange(financialRules.EvaluateClaims(text));
            }

            if (purpose == SafetyPurpose.GeneratedLesson)
            {
                // On the original text: redaction tokens would read as shouting.
                issues.AddRange(financialRules.Evaluate(text));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Fail closed: a text that defeats the scanners is neither passed nor handed back.
            redacted = string.Empty;
            issues.Add(new SafetyIssue(SafetyIssueCodes.CheckFailed, "The text could not be scanned in time.", SafetySeverity.Error));
        }

        return new SafetyReport(purpose, redacted, findings, verdict, issues);
    }

    /// <summary>Deterministic checks, then the additional checks concurrently. They see the redacted text only,
    /// so personal data never leaves the process. A check that throws adds a <c>check.failed</c> warning: a remote
    /// moderation outage degrades the report instead of blocking every lesson.</summary>
    public async ValueTask<SafetyReport> EvaluateAsync(string text, SafetyPurpose purpose, CancellationToken ct)
    {
        var report = Evaluate(text, purpose);
        if (_additionalChecks.Length == 0 || report.RedactedText.Length == 0)
        {
            return report;
        }

        var running = new Task<IReadOnlyList<SafetyIssue>>[_additionalChecks.Length];
        for (var i = 0; i < running.Length; i++)
        {
            running[i] = RunGuardedAsync(_additionalChecks[i], report.RedactedText, purpose, ct);
        }

        var results = await Task.WhenAll(running);
        var issues = new List<SafetyIssue>(report.Issues);
        foreach (var result in results)
        {
            issues.AddRange(result);
        }

        return report with { Issues = issues };
    }

    private static async Task<IReadOnlyList<SafetyIssue>> RunGuardedAsync(ISafetyCheck check, string text, SafetyPurpose purpose, CancellationToken ct)
    {
        try
        {
            return await check.CheckAsync(text, purpose, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One failing remote check must not take the others down.
        catch (Exception)
#pragma warning restore CA1031
        {
            return [new SafetyIssue(SafetyIssueCodes.CheckFailed, $"The '{check.Name}' check failed.", SafetySeverity.Warning)];
        }
    }
}

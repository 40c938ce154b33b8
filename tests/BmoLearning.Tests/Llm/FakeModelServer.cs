using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace BmoLearning.Tests.Llm;

/// <summary>What the fake model does with one call.</summary>
public enum FakeReply
{
    /// <summary>A valid lesson built from the sources in the prompt: every key point and the answer quote a source.</summary>
    Grounded,
    /// <summary>Text that is not JSON.</summary>
    Malformed,
    /// <summary>JSON with three options instead of four.</summary>
    Invalid,
    /// <summary>Valid shape, but key points that state figures no source contains.</summary>
    Ungrounded,
    /// <summary>A grounded lesson whose scenario contains a payment card number.</summary>
    WithCardNumber,
    /// <summary>HTTP 429 with Retry-After (seconds from <see cref="FakeModelServer.RetryAfterSeconds"/>).</summary>
    RateLimited,
    /// <summary>HTTP 500.</summary>
    ServerError,
    /// <summary>A grounded lesson after <see cref="FakeModelServer.SlowDelay"/>.</summary>
    Slow,
    /// <summary>A grounded lesson whose wrong options are the answer with a "not" inserted: the classic guessable quiz.</summary>
    NegatedDistractors,
    /// <summary>A grounded lesson whose correct option is a long sentence among three two-word options.</summary>
    LongestAnswer,
    /// <summary>A grounded lesson whose question repeats the correct option's words, and whose wrong options share none.</summary>
    OverlapTell,
}

/// <summary>
/// A local stand-in for OpenAI (POST /v1/chat/completions, /v1/moderations) and Anthropic (POST /v1/messages)
/// that speaks their wire formats. Replies follow a script, then <see cref="DefaultReply"/>.
/// </summary>
public sealed partial class FakeModelServer : IDisposable
{
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly ConcurrentQueue<string> _prompts = new();

    public FakeModelServer()
    {
        Server = WireMockServer.Start();
        SetLatency(TimeSpan.Zero);
    }

    /// <summary>Every chat reply waits this long (asynchronously, so many calls can wait at once), like a real model.</summary>
    public void SetLatency(TimeSpan latency)
    {
        Server.ResetMappings();
        IResponseBuilder Delayed(IResponseBuilder response) => latency > TimeSpan.Zero ? response.WithDelay(latency) : response;
        Server.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost())
            .RespondWith(Delayed(Response.Create().WithCallback(request => Respond(request, anthropic: false))));
        Server.Given(Request.Create().WithPath("/v1/messages").UsingPost())
            .RespondWith(Delayed(Response.Create().WithCallback(request => Respond(request, anthropic: true))));
        Server.Given(Request.Create().WithPath("/v1/moderations").UsingPost())
            .RespondWith(Response.Create().WithCallback(Moderate));
    }

    public WireMockServer Server { get; }

    public string OpenAiBaseUrl => Server.Url + "/v1";

    public string AnthropicBaseUrl => Server.Url!;

    public FakeReply DefaultReply { get; set; } = FakeReply.Grounded;

    public int RetryAfterSeconds { get; set; } = 1;

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Chat calls received (OpenAI or Anthropic), not counting moderation.</summary>
    public int ChatCalls => Server.LogEntries.Count(e => e.RequestMessage.Path is "/v1/chat/completions" or "/v1/messages");

    public IReadOnlyList<DateTime> ChatCallTimes =>
        Server.LogEntries.Where(e => e.RequestMessage.Path is "/v1/chat/completions" or "/v1/messages").Select(e => e.RequestMessage.DateTime).Order().ToList();

    /// <summary>The text of every chat request received, for checking what reached the model.</summary>
    public IReadOnlyCollection<string> Prompts => _prompts;

    public FakeModelServer Then(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }

        return this;
    }

    public void Dispose() => Server.Stop();

    private ResponseMessage Respond(IRequestMessage request, bool anthropic)
    {
        var prompt = AllText(JsonNode.Parse(request.Body ?? "{}"));
        _prompts.Enqueue(prompt);
        var reply = _script.TryDequeue(out var next) ? next : DefaultReply;
        switch (reply)
        {
            case FakeReply.RateLimited:
                return Error(429, anthropic, "rate_limit_error", new Dictionary<string, string> { ["Retry-After"] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            case FakeReply.ServerError:
                return Error(500, anthropic, "api_error", []);
            case FakeReply.Slow:
                Thread.Sleep(SlowDelay);
                break;
        }

        var text = reply switch
        {
            FakeReply.Malformed => "Sure! Here is your lesson: {\"content\": \"APR is",
            FakeReply.Invalid => LessonJson(prompt, options: 3),
            FakeReply.Ungrounded => LessonJson(prompt, ungrounded: true),
            FakeReply.WithCardNumber => LessonJson(prompt, scenarioSuffix: " She reads out her card number, 4111 1111 1111 1111, to confirm."),
            FakeReply.NegatedDistractors or FakeReply.LongestAnswer or FakeReply.OverlapTell => LessonJson(prompt, badQuiz: reply),
            _ => LessonJson(prompt),
        };
        return anthropic ? AnthropicMessage(text) : OpenAiCompletion(text);
    }

    /// <summary>A lesson whose key points and correct answer are sentences of the prompt's sources.</summary>
    public static string LessonJson(string prompt, int options = 4, bool ungrounded = false, string scenarioSuffix = "", FakeReply badQuiz = FakeReply.Grounded)
    {
        var sources = SourcePattern().Matches(prompt).Select(m => (Id: long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Text: m.Groups[2].Value))
            .DistinctBy(s => s.Id).ToList();
        var sentences = sources.SelectMany(s => SentencePattern().Split(s.Text.ReplaceLineEndings(" "))
                .Select(t => t.Trim())
                .Where(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is >= 6 and <= 40 && t.EndsWith('.') && !t.Contains('|') && !t.Contains('#') && !t.Contains('[') && !t.Contains('*'))
                .Take(2)
                .Select(t => (s.Id, Text: t)))
            .Take(3)
            .ToList();
        var keyPoints = ungrounded
            ? sentences.Select((s, i) => (s.Id, Text: $"Every business card charges exactly {97 + i}.5% interest from the first day.")).ToList()
            : sentences;
        var answer = keyPoints[0];
        // Wrong options of about the answer's length, as a careful model writes them (a long answer among short ones is a tell).
        string[] wrong = [.. WrongOptions.Select(tiers => tiers.OrderBy(t => Math.Abs(t.Length - answer.Text.Length)).First())];
        var question = "Which statement matches the policy?";
        switch (badQuiz)
        {
            case FakeReply.NegatedDistractors:
                wrong = [.. new[] { " is ", " are ", " can ", " must ", " will ", " has " }
                    .Select(verb => answer.Text.Contains(verb, StringComparison.Ordinal) ? ReplaceFirst(answer.Text, verb, verb.TrimEnd() + " not ") : null)
                    .OfType<string>()
                    .Concat(["It is not true that " + char.ToLowerInvariant(answer.Text[0]) + answer.Text[1..], "Not always: " + answer.Text, "Never: " + answer.Text])
                    .Take(3)];
                break;
            case FakeReply.LongestAnswer:
                wrong = ["Never.", "Only online.", "Each year."];
                break;
            case FakeReply.OverlapTell:
                question = "Which statement says that " + char.ToLowerInvariant(answer.Text[0]) + answer.Text[1..].TrimEnd('.') + "?";
                break;
        }

        var lesson = new JsonObject
        {
            ["content"] = "Here is what matters for your customers. " + string.Join(" ", sentences.Select(s => s.Text)),
            ["key_points"] = new JsonArray(keyPoints.Select(k => (JsonNode)new JsonObject { ["text"] = k.Text, ["source_id"] = k.Id }).ToArray()),
            ["scenario"] = "A bakery owner calls her relationship manager with a question about her company card." + scenarioSuffix,
            ["quiz_question"] = question,
            ["quiz_options"] = new JsonArray(new[] { answer.Text }.Concat(wrong).Take(options).Select(o => (JsonNode)JsonValue.Create(o)!).ToArray()),
            ["correct_answer"] = 0,
            ["explanation"] = "The cited source states it directly.",
            ["answer_source_id"] = answer.Id,
        };
        return lesson.ToJsonString();
    }

    private static readonly string[][] WrongOptions =
    [
        [
            "The rule applies only to personal accounts, never to company cards.",
            "The rule applies only to personal accounts and never to company cards, whatever the agreement says.",
            "The rule applies only to personal accounts and never to company cards, whatever the agreement or the fee schedule says about it.",
            "The rule applies only to personal accounts and never to company cards, whatever the agreement, the fee schedule or the branch's own notes say about the account.",
        ],
        [
            "Branch staff may change the rule for any customer on request.",
            "Branch staff may change the rule for any customer who asks, without checking the card agreement first.",
            "Branch staff may change the rule for any customer who asks, without checking the card agreement or telling the account owner first.",
            "Branch staff may change the rule for any customer who asks for it, without checking the card agreement, the disclosures or the account owner's wishes first.",
        ],
        [
            "The rule was withdrawn and no longer applies to any card.",
            "The rule was withdrawn last year and no longer applies to any card the bank issues to businesses.",
            "The rule was withdrawn last year and no longer applies to any card the bank issues, whether to small businesses or to large companies.",
            "The rule was withdrawn last year and no longer applies to any card the bank issues, whether to sole traders, small businesses or large companies with many cards.",
        ],
    ];

    private static string ReplaceFirst(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        return text[..at] + to + text[(at + from.Length)..];
    }

    private static ResponseMessage OpenAiCompletion(string text) => Json(200, new JsonObject
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion",
        ["created"] = 1_700_000_000,
        ["model"] = "gpt-4o-mini",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 900, ["completion_tokens"] = 300, ["total_tokens"] = 1200 },
    }, []);

    private static ResponseMessage AnthropicMessage(string text) => Json(200, new JsonObject
    {
        ["id"] = "msg_fake",
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = "claude-haiku-4-5",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
        ["stop_reason"] = "end_turn",
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject { ["input_tokens"] = 800, ["output_tokens"] = 250 },
    }, []);

    private static ResponseMessage Error(int status, bool anthropic, string type, Dictionary<string, string> headers) => Json(status, anthropic
        ? new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = "fake failure" } }
        : new JsonObject { ["error"] = new JsonObject { ["message"] = "fake failure", ["type"] = type, ["code"] = type } }, headers);

    private ResponseMessage Moderate(IRequestMessage request)
    {
        var flagged = (request.Body ?? string.Empty).Contains("FLAG-ME", StringComparison.Ordinal);
        var categories = new JsonObject();
        var scores = new JsonObject();
        foreach (var name in new[] { "hate", "hate/threatening", "harassment", "harassment/threatening", "self-harm", "self-harm/intent", "self-harm/instructions", "sexual", "sexual/minors", "violence", "violence/graphic", "illicit", "illicit/violent" })
        {
            categories[name] = flagged && name == "harassment";
            scores[name] = flagged && name == "harassment" ? 0.97 : 0.001;
        }

        return Json(200, new JsonObject
        {
            ["id"] = "modr-fake",
            ["model"] = "omni-moderation-latest",
            ["results"] = new JsonArray(new JsonObject { ["flagged"] = flagged, ["categories"] = categories, ["category_scores"] = scores }),
        }, []);
    }

    private static ResponseMessage Json(int status, JsonObject body, Dictionary<string, string> headers)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = body.ToJsonString(), DetectedBodyType = BodyType.String },
        };
        message.AddHeader("Content-Type", "application/json");
        foreach (var (name, value) in headers)
        {
            message.AddHeader(name, value);
        }

        return message;
    }

    private static string AllText(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonObject obj => string.Join("\n", obj.Select(p => AllText(p.Value))),
        JsonArray array => string.Join("\n", array.Select(AllText)),
        _ => string.Empty,
    };

    [GeneratedRegex("<source id=\"(\\d+)\"[^>]*>\\n(.*?)\\n</source>", RegexOptions.Singleline)]
    private static partial Regex SourcePattern();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentencePattern();
}

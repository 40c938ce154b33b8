using System.Text.Json.Nodes;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace BmoLearning.Tests.Delivery;

/// <summary>Local stand-ins for the Slack Web API and Twilio's REST API, answering in their wire formats.</summary>
internal static class ProviderFakes
{
    public const string SlackToken = "xoxb-test-token";
    public const string SlackSigningSecret = "test-signing-secret-0123456789";
    public const string TwilioSid = "AC00000000000000000000000000000001";
    public const string TwilioToken = "twilio-auth-token-test";
    public const string TwilioNumber = "+15005550006";
    public const string DmChannel = "D0123DMCH";

    public static Dictionary<string, string?> SlackSettings(WireMockServer server) => new()
    {
        ["Slack:BotToken"] = SlackToken,
        ["Slack:SigningSecret"] = SlackSigningSecret,
        ["Slack:ApiBaseUrl"] = server.Url + "/api/",
    };

    public static Dictionary<string, string?> TwilioSettings(WireMockServer server) => new()
    {
        ["Twilio:AccountSid"] = TwilioSid,
        ["Twilio:AuthToken"] = TwilioToken,
        ["Twilio:PhoneNumber"] = TwilioNumber,
        ["Twilio:ApiBaseUrl"] = server.Url,
    };

    public static WireMockServer Slack()
    {
        var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/api/conversations.open").UsingPost())
            .RespondWith(Json(200, $$$"""{"ok":true,"channel":{"id":"{{{DmChannel}}}"}}"""));
        server.Given(Request.Create().WithPath("/api/chat.postMessage").UsingPost())
            .RespondWith(Json(200, $$$"""{"ok":true,"channel":"{{{DmChannel}}}","ts":"1700000000.000100","message":{"type":"message"}}"""));
        server.Given(Request.Create().WithPath("/api/chat.update").UsingPost())
            .RespondWith(Json(200, $$$"""{"ok":true,"channel":"{{{DmChannel}}}","ts":"1700000000.000100"}"""));
        return server;
    }

    public static WireMockServer Twilio()
    {
        var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath(MessagesPath).UsingPost())
            .RespondWith(Json(201, MessageCreated("SM00000000000000000000000000000001")));
        return server;
    }

    public static string MessagesPath => $"/2010-04-01/Accounts/{TwilioSid}/Messages.json";

    public static string MessageCreated(string sid) => $$$"""
        {"sid":"{{{sid}}}","account_sid":"{{{TwilioSid}}}","to":"+14165550199","from":"{{{TwilioNumber}}}","body":"x","status":"queued",
         "num_segments":"1","direction":"outbound-api","api_version":"2010-04-01","price":null,"error_code":null,"error_message":null,
         "uri":"/2010-04-01/Accounts/{{{TwilioSid}}}/Messages/{{{sid}}}.json","date_created":"Thu, 24 Aug 2023 05:01:45 +0000",
         "date_updated":"Thu, 24 Aug 2023 05:01:45 +0000","date_sent":null,"subresource_uris":{}}
        """;

    public static string TwilioError(int status, int code, string message) =>
        $$$"""{"code":{{{code}}},"message":"{{{message}}}","more_info":"https://www.twilio.com/docs/errors/{{{code}}}","status":{{{status}}}}""";

    public static IResponseBuilder Json(int status, string body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(body);

    public static int Calls(this WireMockServer server, string path) => server.LogEntries.Count(e => e.RequestMessage.Path == path);

    public static JsonObject LastJson(this WireMockServer server, string path) =>
        JsonNode.Parse(server.LogEntries.Last(e => e.RequestMessage.Path == path).RequestMessage.Body!)!.AsObject();
}

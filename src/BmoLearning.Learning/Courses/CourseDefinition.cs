using System.Text;
using System.Text.Json;

namespace BmoLearning.Learning.Courses;

/// <summary>A course: topics in teaching order, each with the ids of the topics it needs first.</summary>
public sealed record CourseDefinition(string Id, string Title, IReadOnlyList<TopicDefinition> Topics);

/// <summary>One topic of a course; <see cref="Line"/> is where it starts in the file, for messages.</summary>
public sealed record TopicDefinition(string Id, string Title, IReadOnlyList<string> Prerequisites, int Line);

/// <summary>A problem in a course file: the line, the field (JSON path) and why.</summary>
public sealed record CourseError(int Line, string Field, string Message)
{
    public override string ToString() => $"line {Line}: {Field}: {Message}";
}

/// <summary>The course, when the file is valid, and every problem found otherwise.</summary>
public sealed record CourseParseResult(CourseDefinition? Course, IReadOnlyList<CourseError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reads and validates a course file (JSON):
/// <c>{"id": "...", "title": "...", "topics": [{"id": "...", "title": "...", "prerequisites": ["..."]}]}</c>.
/// Refuses, with the line: missing or empty ids and titles, duplicate topic ids, prerequisites naming an
/// unknown topic, and cycles of prerequisites. All problems are reported at once.
/// </summary>
public static class CourseFile
{
    public static CourseParseResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var bytes = Encoding.UTF8.GetBytes(json);
        Node root;
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            reader.Read();
            root = Node.Read(ref reader, bytes);
        }
        catch (JsonException e)
        {
            return new CourseParseResult(null, [new CourseError((int)(e.LineNumber ?? 0) + 1, "$", $"not valid JSON: {e.Message}")]);
        }

        var errors = new List<CourseError>();
        if (root.Kind != JsonTokenType.StartObject)
        {
            return new CourseParseResult(null, [new CourseError(root.Line, "$", "a course file is a JSON object with id, title and topics")]);
        }

        var id = RequiredString(root, "id", "$", errors);
        var title = RequiredString(root, "title", "$", errors);
        var topics = new List<TopicDefinition>();
        var topicsNode = root.Get("topics");
        if (topicsNode is null || topicsNode.Kind != JsonTokenType.StartArray || topicsNode.Items.Count == 0)
        {
            errors.Add(new CourseError(topicsNode?.Line ?? root.Line, "topics", "a course needs a non-empty array of topics"));
        }
        else
        {
            for (var i = 0; i < topicsNode.Items.Count; i++)
            {
                var node = topicsNode.Items[i];
                var path = $"topics[{i}]";
                if (node.Kind != JsonTokenType.StartObject)
                {
                    errors.Add(new CourseError(node.Line, path, "a topic is an object with id, title and prerequisites"));
                    continue;
                }

                var topicId = RequiredString(node, "id", path, errors);
                var topicTitle = RequiredString(node, "title", path, errors);
                var prerequisites = new List<string>();
                if (node.Get("prerequisites") is { } pre)
                {
                    if (pre.Kind != JsonTokenType.StartArray)
                    {
                        errors.Add(new CourseError(pre.Line, $"{path}.prerequisites", "must be an array of topic ids"));
                    }
                    else
                    {
                        foreach (var p in pre.Items)
                        {
                            if (p.Kind == JsonTokenType.String && !string.IsNullOrWhiteSpace(p.Text))
                            {
                                prerequisites.Add(p.Text!);
                            }
                            else
                            {
                                errors.Add(new CourseError(p.Line, $"{path}.prerequisites", "each prerequisite is a topic id (a non-empty string)"));
                            }
                        }
                    }
                }

                if (topicId is not null)
                {
                    topics.Add(new TopicDefinition(topicId, topicTitle ?? "", prerequisites, node.Line));
                }
            }
        }

        ValidateGraph(topics, errors);
        return errors.Count == 0 && id is not null && title is not null
            ? new CourseParseResult(new CourseDefinition(id, title, topics), [])
            : new CourseParseResult(null, errors.OrderBy(e => e.Line).ToList());
    }

    private static void ValidateGraph(List<TopicDefinition> topics, List<CourseError> errors)
    {
        var byId = new Dictionary<string, TopicDefinition>(StringComparer.Ordinal);
        foreach (var (topic, index) in topics.Select((t, i) => (t, i)))
        {
            if (!byId.TryAdd(topic.Id, topic))
            {
                errors.Add(new CourseError(topic.Line, $"topics[{index}].id", $"duplicate topic id '{topic.Id}' (first defined on line {byId[topic.Id].Line})"));
            }
        }

        foreach (var topic in topics)
        {
            foreach (var missing in topic.Prerequisites.Where(p => !byId.ContainsKey(p)))
            {
                errors.Add(new CourseError(topic.Line, $"topic '{topic.Id}'.prerequisites", $"unknown topic '{missing}'"));
            }
        }

        // Depth-first search; a grey node met again closes a cycle, reported once with its path.
        var colour = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var topic in byId.Values)
        {
            Visit(topic.Id);
        }

        void Visit(string id)
        {
            colour[id] = 1;
            stack.Add(id);
            foreach (var next in byId[id].Prerequisites.Where(byId.ContainsKey))
            {
                if (colour.GetValueOrDefault(next) == 1)
                {
                    var cycle = stack.Skip(stack.IndexOf(next)).Append(next).ToList();
                    if (reported.Add(string.Join(">", cycle.Skip(1).Order(StringComparer.Ordinal))))
                    {
                        errors.Add(new CourseError(byId[next].Line, $"topic '{next}'.prerequisites", $"cycle of prerequisites: {string.Join(" -> ", cycle)}"));
                    }
                }
                else if (colour.GetValueOrDefault(next) == 0)
                {
                    Visit(next);
                }
            }

            stack.RemoveAt(stack.Count - 1);
            colour[id] = 2;
        }
    }

    private static string? RequiredString(Node obj, string name, string path, List<CourseError> errors)
    {
        var node = obj.Get(name);
        if (node is { Kind: JsonTokenType.String } && !string.IsNullOrWhiteSpace(node.Text))
        {
            return node.Text;
        }

        errors.Add(new CourseError(node?.Line ?? obj.Line, $"{path}.{name}", node is null ? "is required" : "must be a non-empty string"));
        return null;
    }

    // A JSON value with the line it starts on (System.Text.Json's DOM does not keep positions).
    private sealed class Node
    {
        public JsonTokenType Kind { get; private init; }

        public int Line { get; private init; }

        public string? Text { get; private init; }

        public List<Node> Items { get; } = [];

        public List<(string Name, Node Value)> Properties { get; } = [];

        public Node? Get(string name) => Properties.FirstOrDefault(p => p.Name == name).Value;

        public static Node Read(ref Utf8JsonReader reader, byte[] source)
        {
            var line = LineOf(source, reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    var obj = new Node { Kind = JsonTokenType.StartObject, Line = line };
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var name = reader.GetString()!;
                        reader.Read();
                        obj.Properties.Add((name, Read(ref reader, source)));
                    }

                    return obj;
                case JsonTokenType.StartArray:
                    var array = new Node { Kind = JsonTokenType.StartArray, Line = line };
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        array.Items.Add(Read(ref reader, source));
                    }

                    return array;
                case JsonTokenType.String:
                    return new Node { Kind = JsonTokenType.String, Line = line, Text = reader.GetString() };
                default:
                    return new Node { Kind = reader.TokenType, Line = line };
            }
        }

        private static int LineOf(byte[] source, long index)
        {
            var line = 1;
            for (var i = 0; i < index; i++)
            {
                if (source[i] == (byte)'\n')
                {
                    line++;
                }
            }

            return line;
        }
    }
}

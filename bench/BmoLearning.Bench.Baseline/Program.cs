using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

// Minimal ASP.NET Core + SQLite service for the benchmarks (not shipped): the same progress read as
// GET /api/v1/learners/{id}/progress of `bmo serve`, on a copy of the same database, answering the same JSON.
//   bmo-baseline --urls http://127.0.0.1:PORT --db PATH --key API_KEY
// It checks the API key as the real service does (digest, constant time), so the comparison is of the
// framework and data access overhead, not of skipping authentication.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
var database = builder.Configuration["db"] ?? throw new InvalidOperationException("--db PATH is required.");
var keyDigest = SHA256.HashData(Encoding.UTF8.GetBytes(builder.Configuration["key"] ?? throw new InvalidOperationException("--key is required.")));
var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();

var app = builder.Build();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
app.MapGet("/api/v1/learners/{id:guid}/progress", async (Guid id, HttpContext http, CancellationToken ct) =>
{
    var presented = http.Request.Headers["X-API-Key"].ToString();
    if (presented.Length == 0 || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), keyDigest))
    {
        return Results.Problem(statusCode: 401, title: "Unauthorized");
    }

    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync(ct);
    var learner = id.ToString().ToUpperInvariant();
    await using (var exists = connection.CreateCommand())
    {
        exists.CommandText = "SELECT EXISTS (SELECT 1 FROM learners WHERE id = $id)";
        exists.Parameters.AddWithValue("$id", learner);
        if ((long)(await exists.ExecuteScalarAsync(ct))! == 0)
        {
            return Results.Problem(statusCode: 404, title: "Not found", detail: $"Learner {id} does not exist.");
        }
    }

    await using var command = connection.CreateCommand();
    command.CommandText = """
        SELECT p.id, p.topic, p.status, p.lessons_completed, p.total_lessons,
               (SELECT count(*) FROM lessons l WHERE l.learning_path_id = p.id AND l.learner_id = $id),
               (SELECT count(*) FROM quiz_responses r JOIN lessons l ON l.id = r.lesson_id WHERE l.learning_path_id = p.id AND r.learner_id = $id),
               (SELECT count(*) FROM quiz_responses r JOIN lessons l ON l.id = r.lesson_id WHERE l.learning_path_id = p.id AND r.learner_id = $id AND r.correct)
        FROM learning_paths p WHERE p.learner_id = $id ORDER BY p.topic
        """;
    command.Parameters.AddWithValue("$id", learner);
    var paths = new List<PathProgress>();
    await using (var reader = await command.ExecuteReaderAsync(ct))
    {
        while (await reader.ReadAsync(ct))
        {
            int completed = reader.GetInt32(3), total = reader.GetInt32(4);
            paths.Add(new PathProgress(
                reader.GetGuid(0), reader.GetString(1), StatusName(reader.GetInt32(2)), completed, total, Ratio(completed, total),
                reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7)));
        }
    }

    int done = paths.Sum(p => p.LessonsCompleted), all = paths.Sum(p => p.TotalLessons);
    int answered = paths.Sum(p => p.QuestionsAnswered), correct = paths.Sum(p => p.CorrectAnswers);
    return Results.Ok(new LearnerProgress(id, Ratio(done, all), Ratio(correct, answered), done, all, answered, correct, paths));
});
app.Run();

static double Ratio(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

static string StatusName(int status) => status switch { 0 => "active", 1 => "paused", 2 => "completed", _ => "unknown" };

internal sealed record PathProgress(
    Guid LearningPathId, string Topic, string Status, int LessonsCompleted, int TotalLessons, double CompletionRate,
    int LessonsDelivered, int QuestionsAnswered, int CorrectAnswers);

internal sealed record LearnerProgress(
    Guid LearnerId, double CompletionRate, double QuizAccuracy, int LessonsCompleted, int TotalLessons,
    int QuestionsAnswered, int CorrectAnswers, IReadOnlyList<PathProgress> Paths);

using BmoLearning.Core.Adaptive;
using BmoLearning.Learning.Courses;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Hosting;

/// <summary>A course file that does not validate: seeding stops, naming the file and each problem's line.</summary>
public sealed class CourseFileException(string file, IReadOnlyList<CourseError> errors)
    : Exception($"Course file {file} is invalid:{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<CourseError> Errors { get; } = errors;
}

/// <summary>Loads the courses defined beside the starter documents (files named course.json).</summary>
public sealed class StarterCourses(CourseCatalog courses, IOptions<BmoOptions> bmo)
{
    public const string FileName = "course.json";

    /// <summary>Every file is validated before any is stored, so a bad file changes nothing.</summary>
    public async Task<IReadOnlyList<Course>> LoadAsync(CancellationToken ct) => await LoadAsync(bmo.Value.StarterContentDir, ct);

    public async Task<IReadOnlyList<Course>> LoadAsync(string root, CancellationToken ct)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        var definitions = new List<CourseDefinition>();
        foreach (var file in Directory.EnumerateFiles(root, FileName, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var parsed = CourseFile.Parse(await File.ReadAllTextAsync(file, ct));
            if (!parsed.IsValid)
            {
                throw new CourseFileException(Path.GetRelativePath(root, file), parsed.Errors);
            }

            definitions.Add(parsed.Course!);
        }

        var loaded = new List<Course>();
        foreach (var definition in definitions)
        {
            loaded.Add((await courses.UpsertAsync(definition, ct)).Course);
        }

        return loaded;
    }
}

namespace BmoLearning.Core.Adaptive;

/// <summary>A course: topics taught in order, each possibly needing others first (issue 12).</summary>
public sealed class Course
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The id used in course files ("business-credit-cards"); unique.</summary>
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public List<CourseTopic> Topics { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One topic of a course, at its teaching position; prerequisites are other topics' slugs.</summary>
public sealed class CourseTopic
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CourseId { get; set; }
    public int Position { get; set; }
    public required string Slug { get; set; }
    /// <summary>The topic lessons are generated for (the learning path's topic).</summary>
    public required string Title { get; set; }
    public List<string> Prerequisites { get; set; } = [];
}

/// <summary>A learner enrolled in a course; their current topic is a learning path of that topic.</summary>
public sealed class Enrolment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CourseId { get; set; }
    public Guid LearnerId { get; set; }
    /// <summary>Position of the topic being learned now.</summary>
    public int CurrentTopicPosition { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

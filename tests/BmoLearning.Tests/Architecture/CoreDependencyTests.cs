using System.Xml.Linq;
using BmoLearning.Core.Data;

namespace BmoLearning.Tests.Architecture;

/// <summary>
/// Core holds the domain and knows no infrastructure: PostgreSQL, pgvector, Hangfire and ASP.NET Core belong to the
/// provider, jobs and host projects. Checked twice: what the compiled assembly references, and what the project file
/// asks for (a package reference that no code uses yet would not show in the first).
/// </summary>
public sealed class CoreDependencyTests
{
    private static readonly string[] Forbidden = ["Npgsql", "Pgvector", "Hangfire", "Microsoft.AspNetCore"];

    private static bool IsForbidden(string name) =>
        Forbidden.Any(prefix => name.Equals(prefix, StringComparison.OrdinalIgnoreCase)
            || name.StartsWith(prefix + ".", StringComparison.OrdinalIgnoreCase));

    [Theory]
    [InlineData("Npgsql.EntityFrameworkCore.PostgreSQL", true)]
    [InlineData("Pgvector.EntityFrameworkCore", true)]
    [InlineData("Hangfire.Core", true)]
    [InlineData("Microsoft.AspNetCore.App", true)]
    [InlineData("Microsoft.AspNetCore.Http.Abstractions", true)]
    [InlineData("Microsoft.EntityFrameworkCore.Relational", false)]
    [InlineData("Microsoft.Extensions.Options", false)]
    [InlineData("NpgsqlLookalike", false)]
    public void The_rule_names_each_infrastructure_package(string name, bool forbidden) =>
        Assert.Equal(forbidden, IsForbidden(name));

    [Fact]
    public void The_Core_assembly_references_no_infrastructure_assembly()
    {
        var referenced = typeof(AppDbContext).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("Microsoft.EntityFrameworkCore", referenced);
        Assert.DoesNotContain(referenced, IsForbidden);
    }

    [Fact]
    public void The_Core_project_file_references_no_infrastructure_package_or_framework()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "BmoLearning.Core", "BmoLearning.Core.csproj"));
        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "FrameworkReference")
            .Select(e => (string?)e.Attribute("Include") ?? string.Empty)
            .ToList();
        Assert.Contains("Microsoft.EntityFrameworkCore.Relational", references);
        Assert.DoesNotContain(references, IsForbidden);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BmoLearning.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("BmoLearning.slnx not found above " + AppContext.BaseDirectory);
    }
}

using BmoLearning.Ai.Embeddings;

namespace BmoLearning.Tests.Embeddings;

/// <summary>
/// The real local model (the rest of the suite uses a fake): after loading it releases the file pages of the
/// assembly it was read from (NativeMemory), and must still embed correctly, since the session holds its own copy.
/// </summary>
public sealed class MiniLmEmbeddingGeneratorTests
{
    [Fact]
    public async Task Embeds_meaning_after_the_model_file_pages_are_released()
    {
        using var generator = new MiniLmEmbeddingGenerator();
        var vectors = await generator.GenerateAsync(["What is the annual fee on the card?", "How much does the card cost per year?", "The cafeteria serves soup on Fridays."]);

        Assert.All(vectors, v => Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, v.Vector.Length));
        Assert.All(vectors, v => Assert.InRange(Norm(v.Vector.Span), 0.999, 1.001));
        var related = Dot(vectors[0].Vector.Span, vectors[1].Vector.Span);
        var unrelated = Dot(vectors[0].Vector.Span, vectors[2].Vector.Span);
        Assert.True(related > unrelated + 0.2, $"related {related:0.000}, unrelated {unrelated:0.000}");

        // The same text again, after the release, gives the same vector.
        var again = await generator.GenerateAsync(["What is the annual fee on the card?"]);
        Assert.Equal(1.0, Dot(vectors[0].Vector.Span, again[0].Vector.Span), 5);
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => VectorMath.Dot(a, b);

    private static double Norm(ReadOnlySpan<float> a) => Math.Sqrt(Dot(a, a));
}

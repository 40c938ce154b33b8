using System.Numerics;

namespace BmoLearning.Ai.Embeddings;

public static class VectorMath
{
    /// <summary>Dot product; equals cosine similarity for the L2-normalised vectors we store.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        var width = Vector<float>.Count;
        for (; i <= a.Length - width; i += width)
        {
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }

        var result = Vector.Dot(sum, Vector<float>.One);
        for (; i < a.Length; i++)
        {
            result += a[i] * b[i];
        }

        return result;
    }
}

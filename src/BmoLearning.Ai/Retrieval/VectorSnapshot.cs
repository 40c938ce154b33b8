using BmoLearning.Ai.Embeddings;
using BmoLearning.Core.Knowledge;

namespace BmoLearning.Ai.Retrieval;

/// <summary>An immutable, contiguous copy of the chunk vectors: exact cosine search by brute force.</summary>
public sealed class VectorSnapshot
{
    public static readonly VectorSnapshot Empty = new(string.Empty, [], [], [], [], 0);

    private readonly long[] _ids;
    private readonly Guid[] _documents;
    private readonly DocumentCategory[] _categories;
    private readonly float[] _vectors;
    private readonly int _dimensions;
    private readonly Dictionary<long, int> _indexOf;

    private VectorSnapshot(string fingerprint, long[] ids, Guid[] documents, DocumentCategory[] categories, float[] vectors, int dimensions)
    {
        Fingerprint = fingerprint;
        _ids = ids;
        _documents = documents;
        _categories = categories;
        _vectors = vectors;
        _dimensions = dimensions;
        _indexOf = new Dictionary<long, int>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            _indexOf[ids[i]] = i;
        }
    }

    public string Fingerprint { get; }

    public int Count => _ids.Length;

    public static VectorSnapshot Create(
        string fingerprint, List<long> ids, List<Guid> documents, List<DocumentCategory> categories, List<float[]> vectors)
    {
        var dimensions = vectors.Count == 0 ? 0 : vectors[0].Length;
        var flat = new float[vectors.Count * dimensions];
        for (var i = 0; i < vectors.Count; i++)
        {
            vectors[i].CopyTo(flat, i * dimensions);
        }

        return new VectorSnapshot(fingerprint, ids.ToArray(), documents.ToArray(), categories.ToArray(), flat, dimensions);
    }

    public ReadOnlySpan<float> VectorOf(long chunkId) => _vectors.AsSpan(_indexOf[chunkId] * _dimensions, _dimensions);

    public bool Contains(long chunkId) => _indexOf.ContainsKey(chunkId);

    /// <summary>The ids of the <paramref name="count"/> most similar chunks that pass the filters, best first.</summary>
    public IReadOnlyList<(long Id, float Similarity)> Nearest(ReadOnlySpan<float> query, int count, DocumentCategory? category, Guid? documentId)
    {
        if (_dimensions == 0 || query.Length != _dimensions)
        {
            return [];
        }

        // A min-heap of the best so far: each candidate costs one dot product and at most log(count).
        var heap = new PriorityQueue<long, float>(count + 1);
        for (var i = 0; i < _ids.Length; i++)
        {
            if ((category is not null && _categories[i] != category) || (documentId is not null && _documents[i] != documentId))
            {
                continue;
            }

            var similarity = VectorMath.Dot(query, _vectors.AsSpan(i * _dimensions, _dimensions));
            if (heap.Count < count)
            {
                heap.Enqueue(_ids[i], similarity);
            }
            else if (heap.TryPeek(out _, out var worst) && similarity > worst)
            {
                heap.DequeueEnqueue(_ids[i], similarity);
            }
        }

        var result = new List<(long, float)>(heap.Count);
        while (heap.TryDequeue(out var id, out var similarity))
        {
            result.Add((id, similarity));
        }

        result.Reverse();
        return result;
    }
}

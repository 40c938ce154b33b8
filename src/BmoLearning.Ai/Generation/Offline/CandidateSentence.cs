using BmoLearning.Core.Knowledge;

namespace BmoLearning.Ai.Generation.Offline;

/// <summary>A sentence of a retrieved chunk, scored for how well it teaches the topic.</summary>
internal sealed record CandidateSentence(string Text, RetrievedChunk Chunk, int ChunkRank, int Order, double Score)
{
    public int Words { get; } = Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}

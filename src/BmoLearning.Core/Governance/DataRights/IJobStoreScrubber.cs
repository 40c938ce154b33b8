namespace BmoLearning.Core.Governance.DataRights;

/// <summary>Removes a person's identifiers from the job store's payloads (job arguments, state data, exception messages).</summary>
public interface IJobStoreScrubber
{
    /// <summary>Replaces every occurrence of each value with a placeholder; returns how many stored values changed.</summary>
    Task<int> ScrubAsync(IReadOnlyCollection<string> values, CancellationToken ct);
}

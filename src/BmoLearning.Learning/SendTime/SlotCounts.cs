namespace BmoLearning.Learning.SendTime;

/// <summary>Messages sent in one local hour slot and how many were answered within 24 hours.</summary>
public readonly record struct SlotCounts(long Sent, long Answered);

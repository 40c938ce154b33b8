using BmoLearning.Core.Knowledge;

namespace BmoLearning.Tests.Lessons;

/// <summary>
/// A second knowledge base, about workplace safety, written for these tests so the offline generator is judged on
/// material it was not tuned on: definitions, figures of several kinds (periods, weights, lengths, decibels) and prose.
/// </summary>
internal static class SafetyCorpus
{
    public static readonly IReadOnlyDictionary<string, string> Documents = new Dictionary<string, string>
    {
        ["ladder-safety.md"] = """
            # Ladder Safety at Work

            ## Choosing a ladder

            A stepladder is a self-supporting ladder with a hinged frame that opens into an A shape. An extension ladder is a ladder made of two or more sections that slide against each other to reach a greater height. Every ladder carries a duty rating that states the heaviest load it is built to hold. A ladder with a duty rating of 150 kg suits most trade work, including a worker with a tool belt.

            ## Setting up a ladder

            An extension ladder should stand on firm, level ground with its feet secured against slipping. The top of an extension ladder must extend at least 1 metre above the landing point. Workers keep three points of contact with the ladder while they climb or work from it. Ladders are never placed in front of a door unless the door is locked or guarded.

            ## Ladder inspections

            A pre-use check is a short visual inspection done by the worker before each use. A detailed inspection must be recorded every 6 months by a competent person. Damaged ladders are tagged and removed from service within 24 hours of the damage being found.
            """,
        ["manual-handling.md"] = """
            # Manual Handling

            ## Lifting limits

            Manual handling is any task that involves lifting, carrying, pushing or pulling a load by hand. The guideline weight for a lift close to the body at waist height is 25 kg for most adults. Loads held at arm's length put far more strain on the back, so the guideline for them falls to 10 kg.

            ## Team lifts

            A team lift is a lift shared by two or more workers who follow one person's commands. Team lifts should be planned for any load longer than 2 metres, whatever its weight. Workers take a rest break of at least 10 minutes after every 50 minutes of repetitive lifting.

            ## Reporting strain injuries

            A musculoskeletal disorder is an injury to the muscles, joints or tendons caused by strain or repeated movement. Any back injury at work must be reported to a supervisor within 24 hours. An injury that keeps a worker away for more than 7 days must be reported to the regulator within 15 days.
            """,
        ["fire-safety.md"] = """
            # Fire Safety

            ## Fire wardens

            A fire warden is a trained employee who checks an assigned area during an evacuation. Every floor must have at least 2 fire wardens on duty during working hours. Wardens complete refresher training every 12 months and report the result of each sweep to the chief warden.

            ## Drills and exits

            A fire drill is a planned practice evacuation of the whole building. Drills are held every 6 months, and the building should be clear within 3 minutes of the alarm. Fire exits must be kept clear to a width of at least 1 metre at all times.

            ## Extinguishers

            A carbon dioxide extinguisher is a fire extinguisher that smothers electrical fires with gas. A water extinguisher is a fire extinguisher suitable for paper, wood and fabric fires. Extinguishers are serviced every 12 months and after any use, and the date is written on the tag.
            """,
        ["first-aid.md"] = """
            # First Aid

            ## First aiders

            A first aider is an employee who holds a current first aid certificate. A workplace needs at least one first aider for every 50 workers on a shift. First aid certificates are renewed every 3 years through an approved course.

            ## Treating burns

            A minor burn is a burn smaller than the palm of the hand that has not broken the skin. A minor burn is cooled under cool running water for at least 20 minutes. Burns larger than the palm of the hand are treated by a doctor on the same day.

            ## First aid kits

            A first aid kit is a stocked container of dressings, gloves and other supplies for treating minor injuries. Kits are checked every 3 months by the first aider on each floor. Used items are replaced within 7 days so the kit is always complete.
            """,
        ["noise-and-ppe.md"] = """
            # Noise and Protective Equipment

            ## Noise at work

            Hearing protection is equipment worn over or in the ears to reduce the noise that reaches them. Hearing protection must be provided wherever daily noise exposure exceeds 85 dB. Workers exposed to more than 80 dB get a hearing test every 2 years.

            ## Protective equipment

            Personal protective equipment is clothing or equipment worn to protect the wearer from a hazard at work. A hard hat is protective headwear that must be replaced every 5 years or after any heavy impact. Protective equipment is issued free of charge and fitted to each worker by the supervisor.
            """,
    };

    public static readonly string[] AskedTopics = ["ladder safety", "lifting heavy loads", "fire drills", "treating burns", "noise exposure", "hard hats"];

    private static readonly Guid DocumentId = Guid.Parse("0195a000-0000-7000-8000-0000000000aa");

    /// <summary>The corpus as retrieval would return it without an index: one chunk per section, in document order.</summary>
    public static List<RetrievedChunk> Chunks()
    {
        var chunks = new List<RetrievedChunk>();
        foreach (var (file, text) in Documents)
        {
            var title = text.Split('\n')[0].TrimStart('#', ' ');
            foreach (var section in text.Split("## ").Skip(1))
            {
                var lines = section.Split('\n', 2);
                var id = chunks.Count + 1;
                chunks.Add(new RetrievedChunk(id, DocumentId, title, $"{title} > {lines[0].Trim()}", lines[1].Trim(), id, null, null, 0.9, 0.8, false, []));
            }
        }

        return chunks;
    }

    /// <summary>The chunks most about <paramref name="topic"/> by shared words, best first (a stand-in for retrieval).</summary>
    public static List<RetrievedChunk> About(string topic, int k = 6)
    {
        var words = topic.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Length > 4 ? w[..4] : w).ToList();
        return Chunks()
            .OrderByDescending(c => words.Count(w => c.HeadingPath.Contains(w, StringComparison.OrdinalIgnoreCase)) * 3 + words.Count(w => c.Text.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .ThenBy(c => c.ChunkId)
            .Take(k)
            .ToList();
    }
}

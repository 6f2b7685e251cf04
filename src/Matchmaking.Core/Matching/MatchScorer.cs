using System.Globalization;
using Matchmaking.Core.Search;

namespace Matchmaking.Core.Matching;

/// <summary>
/// Ranks capability profiles for a demand (and demands for a profile) by a weighted mean of text
/// similarity, rarity-weighted skill coverage, discipline agreement, evidence and region proximity,
/// after the hard eligibility filter. See docs/matching.md for the method and how the weights were tuned.
/// </summary>
public sealed class MatchScorer
{
    private const double K1 = 1.2, B = 0.75;
    private const double EvidencePerAchievement = 0.6;
    private const int MaxTextReasonTerms = 5, MaxEvidenceReasons = 3, MaxFieldReasons = 3;
    /// <summary>Candidate-retrieval bonus for holding the query's declared code, as a share of the best text score (half for the first level).</summary>
    private const double DeclaredCodeBonus = 0.3;


    private readonly TimeProvider _time;

    public MatchScorer(MatchWeights? weights = null, TimeProvider? time = null)
    {
        Weights = weights ?? new MatchWeights();
        _time = time ?? TimeProvider.System;
    }

    public MatchWeights Weights { get; }

    /// <summary>Capability profiles for <paramref name="demand"/>, best first; only eligible organisation types.</summary>
    public IReadOnlyList<Match> MatchCapabilities(DemandDoc demand, CapabilityIndex index, MatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(index);
        var store = index.Store;
        store.Lock.EnterReadLock();
        try
        {
            var query = ItemStore.FromDemand(store, demand);
            var eligible = query.Eligible.ToHashSet(StringComparer.Ordinal);
            return Run(store, query, queryIsDemand: true,
                candidate => eligible.Count == 0 || (candidate.OrgType is { } t && eligible.Contains(t)),
                options ?? new MatchOptions());
        }
        finally
        {
            store.Lock.ExitReadLock();
        }
    }

    /// <summary>Demands <paramref name="profile"/> could take on, best first; only demands its organisation type may bid for.</summary>
    public IReadOnlyList<Match> MatchChallenges(CapabilityDoc profile, DemandIndex index, MatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(index);
        var store = index.Store;
        store.Lock.EnterReadLock();
        try
        {
            var query = ItemStore.FromCapability(store, profile);
            var orgType = query.OrgType;
            return Run(store, query, queryIsDemand: false,
                candidate => candidate.Eligible.Count == 0 || (orgType is not null && candidate.Eligible.Contains(orgType, StringComparer.Ordinal)),
                options ?? new MatchOptions());
        }
        finally
        {
            store.Lock.ExitReadLock();
        }
    }

    private sealed record DemandSkill(string Key, string Label, string[] Forms, double Weight);

    private IReadOnlyList<Match> Run(ItemStore store, MatchItem query, bool queryIsDemand, Func<MatchItem, bool> isEligible, MatchOptions options)
    {
        var w = Weights;
        var excludeIds = options.ExcludeIds.ToHashSet(StringComparer.Ordinal);
        var excluded = excludeIds.Select(id => store.TryGet(id, out var item) ? item : null).OfType<MatchItem>().ToArray();
        var stats = new Stats(store, excluded);
        double[] boosts = [w.TitleBoost, w.BodyBoost, w.SkillsBoost];

        var bag = QueryTerms(store, query);
        var demandSkills = queryIsDemand ? DemandSkills(store, query, excluded) : null;

        // The discipline of a side that declares none, inferred from its text (the query's own terms, before feedback).
        bool inferFields = w.InferredField > 0 && store.Disciplines.ClassCount > 0;
        var queryDisciplines = inferFields && query.Fields.Count == 0
            ? store.PredictDisciplines(bag, excluded, w.DisciplineTemperature)
            : null;
        // Candidates holding the query's declared codes (or its likeliest inferred ones) get a bonus, a share of the best text score.
        var codeBoosts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var code in query.Fields)
        {
            codeBoosts[code] = DeclaredCodeBonus;
            codeBoosts.TryAdd(Text.FirstLevel(code) + "*", DeclaredCodeBonus / 2);
        }
        if (queryDisciplines is not null && w.InferredFieldBoost > 0)
        {
            foreach (var (code, p) in queryDisciplines.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Take(3))
            {
                codeBoosts[code] = w.InferredFieldBoost * p;
            }
        }

        int candidateCount = options.Candidates ?? w.Candidates;
        var firstPass = store.Candidates(bag, boosts, stats.Idf, codeBoosts, isEligible, excludeIds, candidateCount, w.CandidateTerms);
        if (w.FeedbackDocs > 0 && w.FeedbackWeight > 0 && firstPass.Count > 0)
        {
            bag = Expand(store, bag, firstPass, stats, boosts);
            firstPass = store.Candidates(bag, boosts, stats.Idf, codeBoosts, isEligible, excludeIds, candidateCount, w.CandidateTerms);
        }
        var candidates = firstPass.Select(c => c.Item).ToList();

        var weighted = Weighted(bag, stats);
        var text = store.Bm25(weighted, candidates, boosts);
        double maxText = text.Length == 0 ? 0 : text.Max();
        if (maxText > 0)
        {
            for (int i = 0; i < text.Length; i++)
            {
                text[i] /= maxText;
            }
            if (w.NeighbourDocs > 0 && w.NeighbourWeight > 0)
            {
                text = WithNeighbourFeedback(store, candidates, text);
            }
            maxText = text.Max();
        }
        if (queryDisciplines is { Count: > 0 } && w.DisciplineNeighbours > 0 && w.DisciplineNeighbourWeight > 0)
        {
            queryDisciplines = WithNeighbourDisciplines(queryDisciplines, candidates, text);
        }
        var year = _time.GetUtcNow().Year;
        // Every candidate is scored without reasons; only the matches returned are scored again with them
        // (the same computation), so no reason text is built for candidates that are dropped. The returned matches'
        // shared query terms (for the text reason) come in as sharedTerms.
        string? queryPhraseText = null;
        List<ComponentScore> Components(int i, List<KeyValuePair<string, double>>? sharedTerms)
        {
            bool explain = sharedTerms is not null;
            var candidate = candidates[i];
            var (demand, capability) = queryIsDemand ? (query, candidate) : (candidate, query);
            var skills = demandSkills ?? DemandSkills(store, candidate, []);
            var parts = new List<ComponentScore>(5);
            if (w.Text > 0)
            {
                double value = maxText > 0 ? text[i] / maxText : 0;
                parts.Add(new(MatchComponent.Text, value, w.Text, sharedTerms is not null && value > 0 ? TextReasons(sharedTerms, queryPhraseText ??= PhraseText(query), PhraseText(candidate)) : []));
            }
            if (skills.Count > 0 && w.Skill > 0)
            {
                parts.Add(SkillScore(skills, capability, stats, explain));
            }
            if (FieldPart(store, demand, capability, queryIsDemand ? queryDisciplines : null, queryIsDemand ? null : queryDisciplines, inferFields, explain) is { } field)
            {
                parts.Add(field);
            }
            if (skills.Count > 0 && w.Evidence > 0)
            {
                parts.Add(EvidenceScore(skills, capability, year, explain));
            }
            if (demand.Region is not null && w.Region > 0)
            {
                parts.Add(RegionScore(demand.Region, capability.Region, explain));
            }
            return parts;
        }
        static double Total(List<ComponentScore> parts)
        {
            double weight = 0, sum = 0;
            foreach (var p in parts)
            {
                weight += p.Weight;
                sum += p.Contribution;
            }
            return weight > 0 ? Math.Clamp(sum / weight, 0, 1) : 0;
        }
        var ranked = new List<(double Score, double Text, int Index)>(candidates.Count);
        for (int i = 0; i < candidates.Count; i++)
        {
            double score = Total(Components(i, sharedTerms: null));
            if (score >= options.MinScore)
            {
                ranked.Add((score, maxText > 0 ? text[i] / maxText : 0, i));
            }
        }
        var best = ranked
            .OrderByDescending(r => r.Score)
            .ThenByDescending(r => r.Text)
            .ThenBy(r => candidates[r.Index].Id, StringComparer.Ordinal)
            .Take(Math.Max(0, options.Take))
            .ToArray();
        var shared = store.SharedTerms(weighted, best.Select(r => candidates[r.Index]).ToArray());
        return best
            .Select((r, k) =>
            {
                var parts = Components(r.Index, shared[k]);
                return new Match
                {
                    CandidateId = candidates[r.Index].Id,
                    Score = r.Score,
                    Breakdown = parts,
                    Reasons = parts.Where(p => p.Contribution > 0).SelectMany(p => p.Reasons).ToArray(),
                };
            })
            .ToArray();
    }

    /// <summary>
    /// Blends each candidate's text score with its similarity to the best candidates (each voting with
    /// its own text score): documents on the same topic as the best matches rise even when they share
    /// few words with a short demand.
    /// </summary>
    private double[] WithNeighbourFeedback(ItemStore store, List<MatchItem> candidates, double[] text)
    {
        var voters = Enumerable.Range(0, candidates.Count)
            .Where(i => text[i] > 0)
            .OrderByDescending(i => text[i]).ThenBy(i => candidates[i].Id, StringComparer.Ordinal)
            .Take(Weights.NeighbourDocs)
            .Select(i => (candidates[i], text[i]))
            .ToArray();
        if (voters.Length == 0)
        {
            return text;
        }
        var neighbour = store.NeighbourSimilarity(candidates, voters);
        double lambda = Math.Clamp(Weights.NeighbourWeight, 0, 1);
        var blended = new double[text.Length];
        for (int i = 0; i < candidates.Count; i++)
        {
            blended[i] = (1 - lambda) * text[i] + lambda * neighbour[i];
        }
        return blended;
    }

    /// <summary>
    /// Blends the model's discipline distribution for the query with the declared codes of the best text
    /// matches that declare any (each voting with its text score): nearest neighbours over whole texts
    /// complement a model that sees the query's few words one at a time.
    /// </summary>
    private Dictionary<string, double> WithNeighbourDisciplines(Dictionary<string, double> model, List<MatchItem> candidates, double[] text)
    {
        var votes = new Dictionary<string, double>(StringComparer.Ordinal);
        double total = 0;
        foreach (var i in Enumerable.Range(0, candidates.Count)
            .Where(i => text[i] > 0 && candidates[i].Fields.Count > 0)
            .OrderByDescending(i => text[i]).ThenBy(i => candidates[i].Id, StringComparer.Ordinal)
            .Take(Weights.DisciplineNeighbours))
        {
            foreach (var code in candidates[i].Fields)
            {
                double vote = text[i] / candidates[i].Fields.Count;
                votes[code] = votes.GetValueOrDefault(code) + vote;
                total += vote;
            }
        }
        if (total <= 0)
        {
            return model;
        }
        double mu = Math.Clamp(Weights.DisciplineNeighbourWeight, 0, 1);
        var blended = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var code in model.Keys.Union(votes.Keys))
        {
            blended[code] = (1 - mu) * model.GetValueOrDefault(code) + mu * votes.GetValueOrDefault(code) / total;
        }
        return blended;
    }

    /// <summary>Query terms: the item's text and skills, plus every synonym form of its skills.</summary>
    private Dictionary<string, double> QueryTerms(ItemStore store, MatchItem query)
    {
        var bag = new Dictionary<string, double>(StringComparer.Ordinal);
        void Add(IEnumerable<KeyValuePair<string, int>> terms)
        {
            foreach (var (term, tf) in terms)
            {
                double weight = tf * (Text.IsCjkUnigram(term) ? Weights.UnigramWeight : 1);
                if (weight > 0)
                {
                    bag[term] = bag.TryGetValue(term, out var old) ? old + weight : weight;
                }
            }
        }
        // A query item is never indexed, so it keeps its analysed dictionaries (uncapped frequencies).
        foreach (var terms in query.Terms ?? throw new InvalidOperationException("A query item must not be an indexed one."))
        {
            Add(terms);
        }
        foreach (var skill in query.Skills)
        {
            foreach (var form in store.Synonyms.Expand(skill).Where(f => !string.Equals(f, skill, StringComparison.Ordinal)))
            {
                Add(Text.Terms(store.Analyzer, form, out _));
            }
        }
        return bag;
    }

    private List<DemandSkill> DemandSkills(ItemStore store, MatchItem demand, IReadOnlyCollection<MatchItem> excluded)
    {
        var skills = new List<DemandSkill>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var skill in demand.Skills)
        {
            var key = Text.Canonical(skill, store.Synonyms);
            if (key.Length > 0 && seen.Add(key))
            {
                skills.Add(new DemandSkill(key, skill, Text.Forms(skill, store.Synonyms), 1));
            }
        }
        if (Weights.InferredSkillWeight > 0 && demand.Source is DemandDoc)
        {
            foreach (var key in store.RecogniseSkills(demand.NormText, Weights.InferredSkillMinLength, excluded))
            {
                if (seen.Add(key))
                {
                    skills.Add(new DemandSkill(key, key, Text.Forms(key, store.Synonyms), Weights.InferredSkillWeight));
                }
            }
        }
        return skills;
    }

    /// <summary>
    /// Adds the highest tf-idf words and bigrams of the best first-pass candidates to the query; the best are
    /// chosen by full BM25 among the <see cref="MatchWeights.FeedbackPool"/> best by retrieval score.
    /// </summary>
    private Dictionary<string, double> Expand(ItemStore store, Dictionary<string, double> bag, List<(MatchItem Item, double Score)> firstPass, Stats stats, double[] boosts)
    {
        var pool = firstPass.Take(Math.Max(Weights.FeedbackDocs, Weights.FeedbackPool)).Select(x => x.Item).ToArray();
        var bm25 = store.Bm25(Weighted(bag, stats), pool, boosts);
        var scored = pool.Select((item, i) => (Item: item, Score: bm25[i]))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Item.Id, StringComparer.Ordinal)
            .Take(Weights.FeedbackDocs)
            .ToArray();
        if (scored.Length == 0)
        {
            return bag;
        }
        double top = scored[0].Score;
        var expansion = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (item, score) in scored)
        {
            foreach (var (term, title, body, skills) in store.FieldCounts(item))
            {
                int[] counts = [title, body, skills];
                for (int f = 0; f < 3; f++)
                {
                    int tf = counts[f];
                    if (tf == 0 || boosts[f] <= 0 || item.Lengths[f] == 0)
                    {
                        continue;
                    }
                    // A term only one document holds cannot bring in another candidate: it would only lift the feedback
                    // document itself (a name's number, a typo), so that one text scores far above its equals.
                    if (Text.IsCjkUnigram(term) || store.TermDf(term) < 2)
                    {
                        continue;
                    }
                    double e = score / top * boosts[f] * tf / item.Lengths[f] * stats.Idf(term);
                    expansion[term] = expansion.TryGetValue(term, out var old) ? old + e : e;
                }
            }
        }
        var chosen = Text.Top(expansion, Weights.FeedbackTerms);
        double chosenSum = chosen.Sum(x => x.Value);
        if (chosenSum <= 0)
        {
            return bag;
        }
        double scale = Weights.FeedbackWeight * bag.Values.Sum() / chosenSum;
        var expanded = new Dictionary<string, double>(bag, StringComparer.Ordinal);
        foreach (var (term, e) in chosen)
        {
            expanded[term] = (expanded.TryGetValue(term, out var old) ? old : 0) + e * scale;
        }
        return expanded;
    }

    /// <summary>Query weight × idf per term, so BM25 over a candidate costs one lookup per candidate term.</summary>
    private static Dictionary<string, double> Weighted(Dictionary<string, double> bag, Stats stats)
    {
        var weighted = new Dictionary<string, double>(bag.Count, StringComparer.Ordinal);
        foreach (var (term, qw) in bag)
        {
            weighted[term] = qw * stats.Idf(term);
        }
        return weighted;
    }

    /// <summary>
    /// The query terms a match shares, by weight × idf: words, and bigrams joined into the words they spell (see
    /// <see cref="Phrases"/>); single CJK characters only when it shares nothing else.
    /// </summary>
    private static List<string> TextReasons(List<KeyValuePair<string, double>> shared, string queryText, string candidateText)
    {
        var words = shared.Where(x => !Text.IsCjkUnigram(x.Key)).ToList();
        var shown = (words.Count > 0 ? Phrases(words, queryText, candidateText) : shared)
            .OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal)
            .Take(MaxTextReasonTerms).Select(x => x.Key).ToArray();
        // With neighbour feedback a candidate can score on text without sharing a word with the query.
        return shown.Length == 0 ? ["文本: 内容与最匹配的候选相近"] : ["文本: " + string.Join(", ", shown)];
    }

    /// <summary>The text shared bigrams are read from: title, body and skills, normalised, one per line.</summary>
    private static string PhraseText(MatchItem item) =>
        item.Skills.Count == 0 ? item.NormText : item.NormText + "\n" + string.Join("\n", item.Skills.Select(Text.Normalize));

    /// <summary>
    /// Shared CJK bigrams that follow one another in the query text read as the longer word they spell when the
    /// candidate's text holds that word too ("熔盐" + "盐泵" → "熔盐泵"), weighted by the sum of its bigrams; bigrams
    /// not joined, and other words, stay as they are.
    /// </summary>
    private static List<KeyValuePair<string, double>> Phrases(List<KeyValuePair<string, double>> words, string queryText, string candidateText)
    {
        var bigrams = new Dictionary<string, double>(words.Count, StringComparer.Ordinal);
        foreach (var (term, weight) in words)
        {
            if (SafeQueryParser.IsCjkBigram(term))
            {
                bigrams[term] = weight;
            }
        }
        if (bigrams.Count < 2)
        {
            return words;
        }
        var lookup = bigrams.GetAlternateLookup<ReadOnlySpan<char>>();
        var phrases = new Dictionary<string, double>(StringComparer.Ordinal);
        var joined = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < queryText.Length;)
        {
            if (queryText[i] < '\u2E80' || queryText[i + 1] < '\u2E80' || !lookup.ContainsKey(queryText.AsSpan(i, 2)))
            {
                i++;
                continue;
            }
            // Extend over the following shared bigrams while the candidate still holds the whole span.
            int end = i + 2;
            while (end < queryText.Length && lookup.ContainsKey(queryText.AsSpan(end - 1, 2))
                && candidateText.AsSpan().IndexOf(queryText.AsSpan(i, end + 1 - i), StringComparison.Ordinal) >= 0)
            {
                end++;
            }
            if (end - i > 2)
            {
                var phrase = queryText[i..end];
                double weight = 0;
                foreach (var bigram in Enumerable.Range(i, end - i - 1).Select(k => queryText.Substring(k, 2)).Distinct(StringComparer.Ordinal))
                {
                    weight += bigrams[bigram];
                    joined.Add(bigram);
                }
                phrases[phrase] = weight;
            }
            i = end - 1;
        }
        if (phrases.Count == 0)
        {
            return words;
        }
        return words.Where(x => !joined.Contains(x.Key)).Concat(phrases).ToList();
    }

    private ComponentScore SkillScore(List<DemandSkill> skills, MatchItem capability, Stats stats, bool explain)
    {
        double total = 0, matched = 0;
        var reasons = explain ? new List<string>() : null;
        foreach (var skill in skills)
        {
            double weight = skill.Weight * stats.SkillIdf(skill.Key);
            total += weight;
            if (capability.SkillKeys.Contains(skill.Key))
            {
                matched += weight;
                reasons?.Add("技能: " + (capability.Skills.FirstOrDefault(s => skill.Forms.Contains(Text.Normalize(s))) ?? skill.Label));
            }
            else if (Weights.SkillInTextCredit > 0 && skill.Forms.FirstOrDefault(f => capability.NormText.Contains(f, StringComparison.Ordinal)) is { } form)
            {
                matched += weight * Weights.SkillInTextCredit;
                reasons?.Add($"技能: {form}（见于介绍）");
            }
        }
        double value = total > 0 ? matched / total : 0;
        return new(MatchComponent.Skill, value, Weights.Skill, value > 0 && reasons is not null ? reasons : []);
    }

    private ComponentScore FieldScore(MatchItem demand, MatchItem capability, bool explain)
    {
        if (demand.Fields.Any(capability.Fields.Contains))
        {
            return new(MatchComponent.Field, 1, Weights.Field, explain
                ? demand.Fields.Intersect(capability.Fields, StringComparer.Ordinal).Take(MaxFieldReasons).Select(c => "学科: " + c).ToArray()
                : []);
        }
        var firstLevel = demand.Fields.Select(Text.FirstLevel).Intersect(capability.Fields.Select(Text.FirstLevel), StringComparer.Ordinal).ToArray();
        double value = firstLevel.Length > 0 ? Math.Clamp(Weights.SameFirstLevelField, 0, 1) : 0;
        return new(MatchComponent.Field, value, Weights.Field,
            value > 0 && explain ? firstLevel.Take(MaxFieldReasons).Select(c => $"学科: {c}（同一级学科）").ToArray() : []);
    }

    /// <summary>
    /// The field component. With declared codes on both sides, the codes decide (weight
    /// <see cref="MatchWeights.Field"/>). When the demand declares codes and the capability none, the
    /// capability's inferred distribution stands in (same weight). When the demand declares none, its
    /// inferred distribution is compared with the capability's codes or inferred ones, with weight
    /// <see cref="MatchWeights.InferredField"/>; the weight thus depends only on the demand, so the
    /// candidates of one demand stay comparable.
    /// </summary>
    private ComponentScore? FieldPart(ItemStore store, MatchItem demand, MatchItem capability, Dictionary<string, double>? demandDisciplines,
        Dictionary<string, double>? capabilityDisciplines, bool inferFields, bool explain)
    {
        var w = Weights;
        // The query item is not in the store: its inferred distribution comes in precomputed, never through the store's cache.
        Dictionary<string, double> Capability() => capabilityDisciplines ?? store.DisciplinesOf(capability, w.DisciplineTemperature);
        if (demand.Fields.Count > 0)
        {
            if (w.Field <= 0)
            {
                return null;
            }
            if (capability.Fields.Count == 0 && inferFields)
            {
                return InferredFieldScore(store.DisciplinesOf(demand, w.DisciplineTemperature), Capability(), w.Field, explain);
            }
            return FieldScore(demand, capability, explain);
        }
        if (!inferFields)
        {
            return null;
        }
        demandDisciplines ??= store.DisciplinesOf(demand, w.DisciplineTemperature);
        return demandDisciplines.Count == 0 ? null
            : InferredFieldScore(demandDisciplines, Capability(), w.InferredField, explain);
    }

    /// <summary>
    /// Agreement of two discipline distributions (declared codes or inferred): the probability that both
    /// name the same code, plus <see cref="MatchWeights.SameFirstLevelField"/> × that of only the same first level.
    /// </summary>
    private ComponentScore InferredFieldScore(Dictionary<string, double> demand, Dictionary<string, double> capability, double weight, bool explain)
    {
        // Runs for every candidate: nested loops over two small distributions, no allocation but the reason (when asked).
        double exact = 0, best = 0, sameLevel = 0, bestLevel = 0;
        string? bestCode = null, bestLevelCode = null;
        foreach (var (code, q) in capability)
        {
            double level = 0;
            foreach (var (other, p) in demand)
            {
                if (Text.SameFirstLevel(code, other))
                {
                    level += p;
                }
            }
            sameLevel += q * level;
            if (q * level > bestLevel || (q * level == bestLevel && bestLevelCode is not null && string.CompareOrdinal(code, bestLevelCode) < 0))
            {
                (bestLevel, bestLevelCode) = (q * level, code);
            }
            if (demand.TryGetValue(code, out var pd))
            {
                exact += pd * q;
                if (pd * q > best)
                {
                    (best, bestCode) = (pd * q, code);
                }
            }
        }
        double value = Math.Clamp(exact + Math.Clamp(Weights.SameFirstLevelField, 0, 1) * Math.Max(0, sameLevel - exact), 0, 1);
        // The value counts only with a reason to show: an exact code of at least 1%, or else a shared first level.
        bool exactReason = bestCode is not null && best >= 0.01, levelReason = !exactReason && value > 0 && bestLevelCode is not null;
        if (!exactReason && !levelReason)
        {
            return new(MatchComponent.Field, 0, weight, []);
        }
        if (!explain)
        {
            return new(MatchComponent.Field, value, weight, []);
        }
        var reason = exactReason
            ? $"学科: {bestCode}（推断，{Math.Round(100 * demand[bestCode!]):0}%）"
            : $"学科: {Text.FirstLevel(bestLevelCode!)}（推断，同一级学科）";
        return new(MatchComponent.Field, value, weight, [reason]);
    }

    private ComponentScore EvidenceScore(List<DemandSkill> skills, MatchItem capability, int year, bool explain)
    {
        var found = new List<(double Weight, string Reason)>();
        for (int i = 0; i < capability.Achievements.Count; i++)
        {
            var title = capability.NormAchievementTitles[i];
            if (!skills.Any(s => s.Forms.Any(f => title.Contains(f, StringComparison.Ordinal))))
            {
                continue;
            }
            var a = capability.Achievements[i];
            double recency = a.Year is { } y
                ? Math.Pow(0.5, Math.Max(0, year - y) / Math.Max(0.1, Weights.EvidenceHalfLifeYears))
                : Weights.UndatedEvidence;
            found.Add((recency, explain ? $"成果: {(a.Year is { } yy ? yy.ToString(CultureInfo.InvariantCulture) + " " : "")}{Text.AchievementLabel(a.Type)}《{a.Title}》" : ""));
        }
        double missing = 1;
        foreach (var (weight, _) in found)
        {
            missing *= 1 - EvidencePerAchievement * Math.Clamp(weight, 0, 1);
        }
        double value = 1 - missing;
        return new(MatchComponent.Evidence, value, Weights.Evidence,
            value > 0 && explain ? found.OrderByDescending(x => x.Weight).Take(MaxEvidenceReasons).Select(x => x.Reason).ToArray() : []);
    }

    private ComponentScore RegionScore(string demandRegion, string? capabilityRegion, bool explain)
    {
        double value = 0;
        string? reason = null;
        if (capabilityRegion is { Length: >= 4 } c && demandRegion.Length >= 4)
        {
            bool cityLevel = demandRegion.Substring(2, 2) != "00" && c.Substring(2, 2) != "00";
            if (cityLevel && string.CompareOrdinal(demandRegion, 0, c, 0, 4) == 0)
            {
                value = 1;
                reason = $"地区: 同市（{c}）";
            }
            else if (string.CompareOrdinal(demandRegion, 0, c, 0, 2) == 0)
            {
                value = Math.Clamp(Weights.SameProvince, 0, 1);
                reason = $"地区: 同省（{c}）";
            }
        }
        return new(MatchComponent.Region, value, Weights.Region, value > 0 && explain && reason is not null ? [reason] : []);
    }

    /// <summary>Collection statistics with the excluded items taken out.</summary>
    private sealed class Stats(ItemStore store, IReadOnlyCollection<MatchItem> excluded)
    {
        private readonly Dictionary<string, double> _idf = new(StringComparer.Ordinal);
        private readonly int _n = Math.Max(1, store.Count - excluded.Count);

        public double AverageLength(int field) => store.AverageLength(field);

        public double Idf(string term)
        {
            if (!_idf.TryGetValue(term, out var idf))
            {
                int df = store.TermDf(term) - (excluded.Count == 0 ? 0 : excluded.Count(e => store.Holds(e, term)));
                df = Math.Clamp(df, 0, _n);
                _idf[term] = idf = Math.Log(1 + (_n - df + 0.5) / (df + 0.5));
            }
            return idf;
        }

        public double SkillIdf(string key)
        {
            int df = Math.Max(0, store.SkillDf(key) - excluded.Count(e => e.SkillKeys.Contains(key)));
            return Math.Log(1 + _n / (1.0 + df));
        }
    }
}

namespace Matchmaking.Core.Matching;

/// <summary>
/// Scoring weights and retrieval knobs, bound from configuration ("Matching" section). The defaults
/// are the values tuned on the tuning half of the CSL split (see docs/matching.md); component
/// weights are relative, since the score divides by the sum of the applicable ones.
/// </summary>
public sealed class MatchWeights
{
    // Component weights.
    public double Text { get; set; } = 0.5;
    public double Skill { get; set; } = 0.25;
    public double Field { get; set; } = 0.1;
    public double Evidence { get; set; } = 0.1;
    public double Region { get; set; } = 0.05;

    /// <summary>Candidates fetched from the index before scoring.</summary>
    public int Candidates { get; set; } = 200;
    /// <summary>
    /// Query words and bigrams (the largest weight × idf) that select the candidates; the candidates are
    /// then scored on all the query's terms. Bounds the cost of long demands.
    /// </summary>
    public int CandidateTerms { get; set; } = 24;

    // Text query.
    /// <summary>Boost of the title/name field in the candidate query.</summary>
    public double TitleBoost { get; set; } = 0.5;
    /// <summary>Boost of the skills field in the candidate query.</summary>
    public double SkillsBoost { get; set; } = 0.5;
    /// <summary>Boost of the body (summary/description) field in the candidate query.</summary>
    public double BodyBoost { get; set; } = 0.5;
    /// <summary>Weight of a single CJK character relative to a bigram (or a Latin word).</summary>
    public double UnigramWeight { get; set; } = 1.0;

    /// <summary>Pseudo-relevance feedback: the best first-pass candidates whose terms expand the query (0 = off).</summary>
    public int FeedbackDocs { get; set; } = 0;
    /// <summary>First-pass candidates (best by retrieval score) rescored by full BM25 to choose the feedback documents.</summary>
    public int FeedbackPool { get; set; } = 100;
    /// <summary>Expansion terms added from the feedback candidates.</summary>
    public int FeedbackTerms { get; set; } = 40;
    /// <summary>Total weight of the expansion terms relative to the original query terms.</summary>
    public double FeedbackWeight { get; set; } = 0.5;

    /// <summary>
    /// Neighbour feedback: how many of the best candidates (by text) vote for the others through
    /// document-to-document cosine similarity (0 = off). Helps when relevance means "same topic" and
    /// the demand text is short.
    /// </summary>
    public int NeighbourDocs { get; set; } = 20;
    /// <summary>Share of the text component given to neighbour feedback (0..1).</summary>
    public double NeighbourWeight { get; set; } = 0.5;

    // Skills.
    /// <summary>Credit for a demand skill found only in the candidate's text (not among its skills).</summary>
    public double SkillInTextCredit { get; set; } = 0.5;
    /// <summary>
    /// Weight of skills recognised in the demand's own text from the indexed skill vocabulary, relative
    /// to the skills the demand declares (0 = off). This is what gives the skill component a signal
    /// when a demand has only a title.
    /// </summary>
    public double InferredSkillWeight { get; set; } = 0.0;
    /// <summary>Vocabulary skills shorter than this (in characters) are not recognised in text.</summary>
    public int InferredSkillMinLength { get; set; } = 3;

    // Fields and region.
    /// <summary>Credit for sharing only the first-level discipline (first three digits); an exact code is 1.</summary>
    public double SameFirstLevelField { get; set; } = 0.5;
    /// <summary>Credit for the same province (first two digits); the same city (first four) is 1.</summary>
    public double SameProvince { get; set; } = 0.5;

    // Inferred disciplines.
    /// <summary>
    /// Weight of the field component when a side's discipline is inferred from text by the model trained
    /// on the indexed items that declare codes (0 = off); declared codes on both sides use <see cref="Field"/>.
    /// </summary>
    public double InferredField { get; set; } = 0.75;
    /// <summary>Softmax temperature of the inferred discipline distribution (per term of text; lower = more confident).</summary>
    public double DisciplineTemperature { get; set; } = 0.2;
    /// <summary>Boost of the demand's inferred discipline codes in the candidate query (0 = they fetch no candidates).</summary>
    public double InferredFieldBoost { get; set; } = 0.5;

    /// <summary>The best text matches that declare codes and vote for the query's discipline (0 = the model alone).</summary>
    public int DisciplineNeighbours { get; set; } = 5;
    /// <summary>Share of those votes in the query's discipline distribution (0..1).</summary>
    public double DisciplineNeighbourWeight { get; set; } = 0.5;

    // Evidence.
    /// <summary>An achievement's weight halves every this many years.</summary>
    public double EvidenceHalfLifeYears { get; set; } = 4;
    /// <summary>Weight of an achievement without a year.</summary>
    public double UndatedEvidence { get; set; } = 0.25;

    public MatchWeights Clone() => (MatchWeights)MemberwiseClone();
}

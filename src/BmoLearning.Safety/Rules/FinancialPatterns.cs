using System.Text.RegularExpressions;

namespace BmoLearning.Safety.Rules;

internal static partial class FinancialPatterns
{
    private const int TimeoutMs = 1000;
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    // "you should take out a loan", "I recommend you borrow", "the best card for you is".
    [GeneratedRegex(
        @"\b(?:you\s+(?:should|must|need\s+to|ought\s+to|have\s+to)\s+(?:definitely\s+|really\s+|probably\s+|just\s+|seriously\s+)?(?:take\s+out|borrow|invest(?:\s+in)?|buy|sell|refinance|consolidate|withdraw|cash\s+out|max\s+out|remortgage|apply\s+for\s+(?:a|an|the|our|this)\s+(?:loan|mortgage|credit\s+card|card|line\s+of\s+credit|heloc)|open\s+(?:a|an)\s+(?:loan|margin|investment|brokerage)|put\s+(?:your|all|more)\s+(?:money|savings)|move\s+your\s+(?:money|savings|retirement|pension))" +
        @"|if\s+I\s+were\s+you|I(?:['’]d|\s+would)?\s+(?:strongly\s+|personally\s+)?(?:recommend|suggest|advise|urge)\s+(?:that\s+)?you\s+(?:to\s+)?(?:borrow|invest|take\s+out|buy|sell|apply|refinance|put|open|move|consolidate|withdraw|get)" +
        @"|my\s+(?:advice|recommendation)\s+(?:to\s+you\s+)?is|(?:the\s+)?(?:best|right)\s+(?:loan|card|credit\s+card|mortgage|investment|product|option|fund)\s+for\s+you\s+is" +
        @"|in\s+your\s+(?:situation|case|position),?\s+(?:you\s+should|I\s+would|the\s+best))\b",
        Options, TimeoutMs)]
    public static partial Regex PersonalisedAdvice();

    // Promises no one can keep: "guaranteed returns", "risk-free investment", "you can't lose".
    [GeneratedRegex(
        @"\b(?:guaranteed?\s+(?:high\s+)?(?:returns?|profits?|income|gains?|growth|approval|to\s+(?:grow|double|earn|make|profit|be\s+approved))|risk[-\s]free\s+(?:returns?|investments?|profits?|gains?)|(?:can'?t|cannot|can\s+not)\s+lose|sure[-\s](?:fire|thing)\s+(?:investments?|returns?|bets?)|you\s+will\s+(?:definitely|certainly)\s+(?:make|earn|profit|double|be\s+approved)|(?:no|zero)\s+risk\s+(?:at\s+all|whatsoever|in\s+(?:this|it|our)|to\s+you))\b",
        Options, TimeoutMs)]
    public static partial Regex Guarantee();

    // What a rate-or-return claim is about: a rate, APR/APY (French TAP/TAEG/TAG, taux), a return or yield,
    // interest, or a percentage. A "guaranteed minimum payment" or a "payment guarantee" is not about one.
    [GeneratedRegex(
        @"\b(?:APRs?|APYs?|TAP|TAEG|TAG|annual\s+percentage\s+(?:rates?|yields?)|rates?|interest|returns?|yields?|dividends?|payouts?|taux|rendements?|interets?|remuneration)\b|[0-9]+(?:[.,][0-9]+)?\s?%",
        Options, TimeoutMs)]
    public static partial Regex RateTerm();

    // A promise that the rate or return cannot fall short or change: "guaranteed", "assured", "locked in",
    // "forever", "never changes", "garanti", "pour toujours", "ne change jamais". Read on folded text (no accents).
    [GeneratedRegex(
        @"\b(?:guarantee[ds]?|guaranteeing|assured|assures?\s+(?:you\s+)?(?:of\s+)?|promised|promises?|locked[\s-]+in|lock(?:s|ed)?\s+(?:it\s+|them\s+)?in|set\s+in\s+stone|certain\s+to\s+(?:stay|remain|earn|pay|grow)|sure\s+to\s+(?:stay|remain|earn|pay|grow)" +
        @"|forever|for\s+ever|for\s+life|for\s+good|for\s+all\s+time|permanently|in\s+perpetuity|(?:will\s+)?(?:always|never\s+fail\s+to)\s+(?:stay|stays|remain|remains|be|pay|earn|return)" +
        @"|never\s+(?:change[sd]?|go(?:es)?\s+up|increase[sd]?|rise[sd]?|expire[sd]?|resets?|ends?|drops?|falls?|goes\s+down|varies|vary)|won'?t\s+ever\s+(?:change|go\s+up|increase|rise|expire|reset|end)" +
        @"|garanti(?:e|es|s|t|ssons|ssent)?|garantir|assure(?:e|es|s)?\s+(?:a\s+vie|pour\s+toujours)|pour\s+toujours|a\s+vie|a\s+jamais|definitivement|ne\s+(?:change|changera|augmente|augmentera|bouge|bougera|varie|variera|baisse|baissera)\s+jamais)\b",
        Options, TimeoutMs)]
    public static partial Regex RateClaim();

    // A claim bounded in time is a product term ("the intro APR is guaranteed for 12 months"), not a promise.
    [GeneratedRegex(
        @"\b(?:(?:for|during|until|till|through|throughout|over|within)\s+(?:the\s+)?(?:first\s+|next\s+|initial\s+)?(?:[0-9]+|one|two|three|four|five|six|nine|twelve|fifteen|eighteen|twenty-four|a|an)\s+(?:full\s+)?(?:billing\s+)?(?:days?|weeks?|months?|years?|cycles?|statements?|statement\s+periods?)|until\b|(?:introductory|promotional|intro|promo|term)\s+period|(?:pendant|durant)\s+(?:les\s+)?(?:[0-9]+|un|une|six|douze)\s+(?:premiers?\s+)?(?:jours|mois|ans|annees|an)|jusqu)",
        Options, TimeoutMs)]
    public static partial Regex BoundedPeriod();

    // Words before a claim that deny or report it: "no rate is guaranteed", "rates are not locked in",
    // "aucun taux n'est garanti", "never promise…" (with <see cref="Negation"/>).
    [GeneratedRegex(
        @"\b(?:no|not|nothing|none|neither|nor|isn'?t|aren'?t|wasn'?t|won'?t|doesn'?t|don'?t|cannot|can'?t|never|ne|n|pas|aucune?|jamais|ni|rien)\b",
        Options, TimeoutMs)]
    public static partial Regex ClaimNegation();

    // Reporting a claim rather than making it: "never promise a rate is guaranteed", "it is misleading to say…".
    [GeneratedRegex(
        @"\b(?:never\s+(?:promise|say|tell|claim|imply|suggest|describe|call|state)|(?:do\s+not|don'?t|must\s+not|mustn'?t|should\s+not|shouldn'?t|cannot|can'?t|may\s+not)\s+(?:\w+\s+){0,2}(?:promis\w*|say\w*|tell\w*|claim\w*|impl\w*|suggest\w*|describ\w*|call\w*|stat\w*)|avoid\w*|misleading|false(?:ly)?|untrue|red\s+flags?|no\s+such\s+thing|beware|warn\w*|claims?\s+(?:of|that|like)|phrases?\s+like|such\s+as\s+saying|instead\s+of\s+saying|rather\s+than\s+saying|no\s+one\s+can|ne\s+(?:dites|dis|promettez|promets|affirmez)\s+jamais|jamais\s+(?:promettre|dire|affirmer)|trompeu\w*|faux|fausse)\b",
        Options, TimeoutMs)]
    public static partial Regex ClaimReportingFrame();

    // A question, not a claim: "Is a 0% APR guaranteed forever?", "Le TAP est-il garanti ?".
    [GeneratedRegex(
        @"^\W*(?:is|are|can|could|does|do|did|will|would|should|how|why|what|when|which|who|whether|est-ce|peut-on|pourquoi|comment|quand|quel(?:le)?s?)\b|\b\w+-(?:il|elle|ils|elles|on)\b",
        Options, TimeoutMs)]
    public static partial Regex QuestionOpening();

    // Principal-guaranteed products where "guaranteed return" is simply accurate.
    [GeneratedRegex(@"\b(?:GICs?|guaranteed\s+investment\s+certificates?|term\s+deposits?|CDs?|certificates?\s+of\s+deposit)\b", Options, TimeoutMs)]
    public static partial Regex GuaranteedProduct();

    // Topics that need a disclaimer: rates, fees, credit decisions.
    [GeneratedRegex(
        @"\b(?:APR|APY|annual\s+percentage\s+(?:rate|yield)|interest\s+rates?|(?:prime|variable|fixed|promotional|introductory|penalty|purchase|mortgage|lending)\s+rates?|rates?\s+of\s+[0-9]|(?:annual|monthly|late|overdraft|foreign\s+transaction|service|transaction|account|nsf|cash\s+advance|balance\s+transfer|penalty|prepayment)\s+fees?|fees?\s+(?:of|are|is|apply|applies|charged)|credit\s+(?:decisions?|approvals?|scores?|limits?|applications?|checks?|adjudication|worthiness)|(?:approved|declined|denied)\s+for\s+(?:credit|a\s+loan|a\s+card|a\s+mortgage))\b",
        Options, TimeoutMs)]
    public static partial Regex NeedsDisclaimer();

    [GeneratedRegex(
        @"\b(?:for\s+(?:general\s+)?(?:educational|information(?:al)?|training)\s+purposes(?:\s+only)?|not\s+(?:financial|investment|legal|tax)\s+advice|general\s+information\s+only|(?:consult|speak\s+with|talk\s+to)\s+(?:a|an|your)\s+(?:qualified\s+|licensed\s+)?(?:financial\s+)?(?:advis[eo]r|professional|planner)|(?:rates|fees|terms)(?:,?\s+(?:and\s+)?(?:rates|fees|terms|conditions))*\s+(?:are\s+|may\s+be\s+|can\s+be\s+)?subject\s+to\s+change|subject\s+to\s+credit\s+approval)\b",
        Options, TimeoutMs)]
    public static partial Regex Disclaimer();

    // A protected characteristic or a group defined by one (Canadian Human Rights Act and US ECOA grounds).
    [GeneratedRegex(
        @"\b(?:race|racial|ethnicity|ethnic\s+(?:origin|background)|skin\s+colou?r|religion|(?:attends?|go(?:es)?\s+to)\s+(?:church|mosque|synagogue|temple|gurdwara)|religious\s+(?:beliefs?|affiliation)|national\s+origin|nationality|country\s+of\s+(?:origin|birth)|immigration\s+status|foreign[-\s]born|accents?|sex|gender|sexual\s+orientation|marital\s+status|family\s+status|pregnan(?:t|cy)|disabilit(?:y|ies)|public\s+assistance|social\s+assistance|welfare|food\s+stamps|(?:their|his|her|the\s+applicant'?s|the\s+customer'?s|an\s+applicant'?s)\s+age|too\s+old|too\s+young)\b" +
        @"|\b(?:women|woman|female|male|men|married|unmarried|divorced|widowed|single|older|elderly|senior|younger|young|black|white|asian|hispanic|latino|latina|indigenous|aboriginal|first\s+nations|muslim|jewish|christian|hindu|sikh|buddhist|catholic|gay|lesbian|transgender|immigrant|foreign|disabled|pregnant)\s+(?:applicants?|borrowers?|customers?|clients?|people|persons|families|households|couples|neighbou?rhoods?|communities)\b" +
        @"|\b(?:immigrants|foreigners|newcomers|single\s+(?:mothers?|fathers?|parents?)|pregnant\s+women)\b|\b(?:is|are|be|being|was|were|not|isn'?t|aren'?t)\s+(?:married|unmarried|divorced|widowed|pregnant|disabled|(?:an?\s+)?immigrants?)\b|\bapplicants?\s+(?:(?:over|above|older\s+than)\s+[0-9]{2}|(?:under|younger\s+than)\s+(?!1[89]\b)[0-9]{2})\b",
        Options, TimeoutMs)]
    public static partial Regex ProtectedCharacteristic();

    // A decision or its terms, not just the topic of credit: "newcomers build credit with a secured card" decides nothing.
    [GeneratedRegex(
        @"\b(?:approv\w*|den(?:y|ied|ies|ial)|declin\w*|reject\w*|refus\w*|turn(?:ed)?\s+down|qualif\w*|eligib\w*|decid\w*|decision|lend\s+to|extend\s+credit|(?:higher|lower|better|worse)\s+(?:interest\s+)?rates?|charge\s+(?:them\s+)?more|limits?|underwrit\w*|risky|higher\s+risk|too\s+risky)\b",
        Options, TimeoutMs)]
    public static partial Regex CreditDecision();

    // A sentence that teaches fair lending rather than breaking it: a negated decision ("must never deny",
    // "cannot be considered") or the vocabulary of the law. A bare "not" is not enough ("they may not repay").
    [GeneratedRegex(
        @"\b(?:(?:(?:must|should|may|can|will|would|do|does|did)\s+(?:not|never)|cannot|can['’]t|never|mustn['’]t|shouldn['’]t|don['’]t|doesn['’]t)\s+(?:be\s+)?(?:consider\w*|use[ds]?|ask\w*|factor\w*|take\w*|base[ds]?|affect\w*|matter|deny|denied|refus\w*|declin\w*|reject\w*|discriminat\w*|charg\w*|treat\w*|approv\w*|influence\w*|play))\b" +
        @"|\b(?:prohibit\w*|illegal|unlawful|forbidden|regardless\s+of|irrespective\s+of|without\s+regard\s+to|discriminat\w*|fair\s+lending|equal\s+credit|ECOA|human\s+rights|protected\s+(?:grounds?|characteristics?|class(?:es)?)|equally|same\s+criteria|no\s+one)\b",
        Options, TimeoutMs)]
    public static partial Regex FairLendingFraming();

    // Framing that reports advice as something to avoid: "never promise guaranteed returns".
    [GeneratedRegex(
        @"\b(?:never|not|don'?t|avoid\w*|shouldn'?t|cannot|can'?t|must\s+not|prohibit\w*|misleading|red\s+flags?|no\s+such\s+thing|beware|warn\w*|claims?\s+(?:of|that|like)|phrases?\s+like|such\s+as\s+saying|instead\s+of\s+saying|rather\s+than\s+saying|no\s+one\s+can)\b",
        Options, TimeoutMs)]
    public static partial Regex Negation();

    [GeneratedRegex(
        @"\b(?:fuck\w*|shit\w*|bullshit|crap(?:py)?|damn(?:ed|it)?|goddamn\w*|hell|bastards?|bitch\w*|asshole\w*|arsehole\w*|piss(?:ed)?|wtf|stfu|idiot\w*|stupid|dumb(?:ass)?|moron\w*)\b|\b(?:f[\*#@$]{1,3}(?:ck|k)?|sh[\*#@$]{1,2}t|s[\*#@$]{2,3}t)(?![\w*#@$])",
        Options, TimeoutMs)]
    public static partial Regex Profanity();
}

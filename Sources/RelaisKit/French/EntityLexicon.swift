/// The word lists behind entity extraction: general French (and English)
/// news vocabulary, lowercased unless said otherwise.
enum EntityLexicon {
  /// Titles and roles that announce a person's name (`le Président Xi
  /// Jinping`, `son homologue Kassym-Jomart Tokaïev`, `M. Dupont`).
  static let personTitles: Set<String> = [
    "président", "présidente", "homologue", "ministre", "m.", "mme", "mme.", "mlle", "mm.", "dr",
    "dr.", "pr", "pr.", "me", "monsieur", "madame", "mademoiselle", "docteur", "professeur",
    "général", "générale", "colonel", "capitaine", "amiral", "maréchal", "sénateur", "sénatrice",
    "député", "députée", "maire", "gouverneur", "roi", "reine", "prince", "princesse", "pape",
    "cardinal", "évêque", "archevêque", "chancelier", "chancelière", "secrétaire", "ambassadeur",
    "ambassadrice", "porte-parole", "directeur", "directrice", "patron", "patronne", "juge",
    "premier", "première", "vice-président", "vice-présidente", "dirigeant", "dirigeante",
    "leader", "chef", "cheffe", "commissaire", "émir", "cheikh", "sultan", "président-directeur",
    "entraîneur", "entraîneuse", "écrivain", "écrivaine", "chanteur", "chanteuse", "acteur",
    "actrice", "philosophe", "sir", "lord", "lady", "mr", "mr.", "mrs", "ms", "saint", "sainte",
    "peintre", "sculpteur", "sculptrice", "musicien", "musicienne", "compositeur", "compositrice",
    "cinéaste", "réalisateur", "réalisatrice", "journaliste", "économiste", "historien",
    "historienne", "poète", "poétesse", "architecte", "avocat", "avocate", "footballeur",
    "athlète", "chercheur", "chercheuse", "président-directeur", "fondateur", "fondatrice",
    "candidat", "candidate", "opposant", "opposante", "militant", "militante",
  ]

  /// Lowercase particles inside a person's name (`Ursula von der Leyen`).
  static let personParticles: Set<String> = [
    "von", "van", "der", "den", "de", "du", "da", "di", "del", "della", "bin", "ibn", "al", "el",
    "y", "dos", "das",
  ]

  /// Common nouns for organisations, before their name (`le groupe
  /// TotalEnergies`, `la société algérienne Sonatrach`).
  static let organisationNouns: Set<String> = [
    "groupe", "société", "compagnie", "entreprise", "firme", "constructeur", "géant", "opérateur",
    "banque", "journal", "quotidien", "hebdomadaire", "magazine", "chaîne", "radio", "parti",
    "mouvement", "syndicat", "association", "club", "équipe", "agence", "cabinet", "start-up",
    "laboratoire", "fabricant", "assureur", "distributeur", "éditeur",
  ]

  /// Adjectives of nationality or function that may stand between a title
  /// and the name (`le Président chinois Xi Jinping`).
  static let titleAdjectives: Set<String> = [
    "chinois", "chinoise", "kazakh", "kazakhe", "kazakhstanais", "kazakhstanaise", "français",
    "française", "américain", "américaine", "russe", "allemand", "allemande", "britannique",
    "italien", "italienne", "espagnol", "espagnole", "japonais", "japonaise", "indien", "indienne",
    "turc", "turque", "iranien", "iranienne", "ouzbek", "ouzbèke", "kirghiz", "kirghize",
    "ukrainien", "ukrainienne", "polonais", "polonaise", "belge", "suisse", "canadien",
    "canadienne", "brésilien", "brésilienne", "mexicain", "mexicaine", "égyptien", "égyptienne",
    "sud-africain", "sud-africaine", "australien", "australienne", "coréen", "coréenne",
    "mongol", "mongole", "pakistanais", "pakistanaise", "algérien", "algérienne", "marocain",
    "marocaine", "tunisien", "tunisienne", "sénégalais", "sénégalaise", "ivoirien", "ivoirienne",
    "européen", "européenne", "africain", "africaine", "sortant", "sortante", "actuel", "actuelle",
    "ancien", "ancienne", "nouveau", "nouvelle", "élu", "élue", "intérimaire", "adjoint",
    "adjointe", "délégué", "déléguée", "général", "générale", "fédéral", "fédérale", "d'état",
  ]

  /// Head nouns that make a capitalized sequence an organisation.
  static let organisationHeads: Set<String> = Set([
    "organisation", "organization", "parti", "party", "université", "university", "ministère",
    "ministry", "banque", "bank", "agence", "agency", "conseil", "council", "commission",
    "fonds", "fund", "institut", "institute", "association", "union", "fédération", "federation",
    "assemblée", "assembly", "comité", "committee", "cour", "court", "tribunal", "société",
    "compagnie", "company", "office", "académie", "academy", "école", "school", "corporation",
    "group", "groupe", "times", "daily", "news", "post", "journal", "gazette", "ligue", "league",
    "front", "mouvement", "alliance", "centre", "center", "fondation", "foundation", "armée",
    "army", "gouvernement", "government", "parlement", "parliament", "sénat", "senate",
    "chambre", "syndicat", "laboratoire", "observatoire", "musée", "museum", "hôpital",
  ]).union(companySuffixes)

  /// Heads that end a company's name and never start one (`Airbus SA`,
  /// never `Sa carrière`: French possessives fold to the same key).
  static let companySuffixes: Set<String> = ["inc.", "ltd.", "sa", "sarl", "plc", "gmbh", "ag"]

  /// Head nouns of events (capitalized: `Congrès`, `Sommet`, `Forum`).
  static let eventHeads: Set<String> = [
    "congrès", "sommet", "forum", "conférence", "festival", "exposition", "jeux", "coupe",
    "championnat", "olympiades", "biennale", "salon", "summit", "conference", "games", "cup",
    "guerre", "révolution", "traité", "accords", "élection", "élections", "marathon", "tour",
  ]

  /// Words that link the parts of a name: `Organisation de coopération de
  /// Shanghai`, `Banque des règlements internationaux`, `People’s Daily`.
  static let nameParticles: Set<String> = [
    "de", "des", "du", "la", "le", "les", "l'", "d'", "et", "pour", "sur", "en", "à", "aux", "au",
    "of", "the", "for", "and", "'s", "von", "van", "der", "den", "da", "di", "del", "bin", "ibn",
    "al", "el",
  ]

  /// Prepositions after which a capitalized word is a place: `à Astana`,
  /// `au Kazakhstan`, `en Chine`.
  static let placePrepositions: Set<String> = ["à", "au", "aux", "en", "dans", "vers"]

  /// Articles and elided articles an entity never starts with.
  static let articles: Set<String> = [
    "le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "the", "a", "an", "ce", "cette",
    "ces", "son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos", "mon", "ma", "mes",
  ]

  /// Common given names, so that a person is found without a title
  /// (`Josiane Bernard a été élue`).
  static let givenNames: Set<String> = [
    "jean", "pierre", "michel", "andré", "philippe", "alain", "jacques", "bernard", "marie",
    "nathalie", "isabelle", "sylvie", "catherine", "françoise", "anne", "christine", "monique",
    "nicolas", "emmanuel", "françois", "marine", "ségolène", "valérie", "laurent", "olivier",
    "christophe", "patrick", "daniel", "thomas", "julien", "sophie", "claire", "julie", "paul",
    "louis", "henri", "charles", "georges", "victor", "jules", "léon", "simone", "josiane",
    "anne-marie", "jean-pierre", "jean-claude", "jean-marie", "jean-luc", "marie-claude",
    "élisabeth", "elisabeth", "emma", "léa", "chloé", "camille", "manon", "lucas", "hugo",
    "arthur", "gabriel", "raphaël", "antoine", "vincent", "sébastien", "stéphane", "frédéric",
    "éric", "eric", "david", "john", "james", "robert", "william", "richard", "joseph",
    "mary", "elizabeth", "barack", "donald", "joe", "kamala", "hillary", "angela", "olaf",
    "vladimir", "sergueï", "dmitri", "boris", "mikhaïl", "recep", "narendra", "shinzo",
    "mohammed", "mohamed", "ahmed", "ali", "hassan", "fatima", "karim", "youssef", "omar",
    "li", "wang", "zhang", "liu", "chen", "nursultan", "shavkat",
    "sadyr", "emomali", "serdar", "ursula", "charles", "kim", "justin", "pedro", "giorgia",
    "mario", "luiz", "inácio", "javier", "carlos", "maria", "ana", "luis", "miguel",
  ]

  /// Words that are never part of a name, though capitalized at the start
  /// of a sentence or a caption (`Selon`, `Photo`).
  static let notNames: Set<String> = [
    "photo", "photos", "crédit", "credit", "source", "newsletter", "image", "vidéo", "video",
    "lire", "voir", "légende", "copyright", "selon", "pour", "avec", "dans", "après", "avant",
    "depuis", "lors", "malgré", "sans", "sous", "sur", "chez", "entre", "vers", "contre", "par",
    "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "tu", "mais", "et", "ou", "donc",
    "or", "car", "puis", "ainsi", "alors", "quand", "lorsque", "si", "comme", "enfin",
    "toutefois", "cependant", "pendant", "durant", "dès", "face", "outre", "hier", "aujourd'hui",
    "demain", "mardi", "lundi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
  ]

  /// French months, lowercased, with their number.
  static let months: [String: Int] = [
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12, "janv.": 1, "févr.": 2, "avr.": 4, "juil.": 7, "sept.": 9,
    "oct.": 10, "nov.": 11, "déc.": 12,
  ]

  /// Words before a month that narrow it, kept in the date's span:
  /// `début juillet 2024`, `fin mai 2023`.
  static let monthQualifiers: Set<String> = ["début", "fin", "mi", "courant"]

  /// Prepositions before a bare year that make it a date: `en 1992`.
  static let yearPrepositions: Set<String> = [
    "en", "depuis", "dès", "jusqu'en", "avant", "après", "vers", "année", "l'année", "de", "à",
    "entre", "et", "in", "since", "ici",
  ]

  /// Centuries: `siècle`.
  static let centuryWords: Set<String> = ["siècle", "siècles", "century"]
}

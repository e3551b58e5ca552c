"""The search's relevance test set (issue #18, item 7).

Queries as people type them into the search box — without æøå, with typos, in
English, in lay words, several words, other forms of a word — each with what
it must find among its first three results. An expected item is the address
of its page ("/tilbud/perron-4/") or, for what has no page of its own (talks,
presenters, focus areas, initiatives), its title.

``KIND`` says what the query tries; tests/config/test_relevance.py runs them
all on PostgreSQL and the kinds SQLite's simpler search is meant to manage
there (it has no stemming and ranks more coarsely).
"""

NAME = "navn"  # a name as people remember it, often without æøå
NO_DANISH_LETTERS = "uden æøå"
TYPO = "stavefejl"
ENGLISH = "engelsk"
LAY = "hverdagsord"
SEVERAL = "flere ord"
FORM = "bøjning"
SYNONYM = "synonym"

# (query, kind, items it must find in its first three results)
QUERIES = [
    # Offers.
    ("perron 4", NAME, ["/tilbud/perron-4/"]),
    ("perorn", TYPO, ["/tilbud/perron-4/"]),
    ("vaerested", NO_DANISH_LETTERS, ["/tilbud/perron-4/"]),
    ("værestedet", FORM, ["/tilbud/perron-4/"]),
    ("varm mad", LAY, ["/tilbud/slotsgaarden/"]),
    ("slotsgarden", NO_DANISH_LETTERS, ["/tilbud/slotsgaarden/"]),
    ("hjemlos", NO_DANISH_LETTERS, ["/tilbud/hjemloeseindsatsen/"]),
    ("hjemloes", NO_DANISH_LETTERS, ["/tilbud/hjemloeseindsatsen/"]),
    ("homeless", ENGLISH, ["/tilbud/hjemloeseindsatsen/"]),
    ("hjemlös", TYPO, ["/tilbud/hjemloeseindsatsen/"]),
    ("hjemløs ung", SEVERAL, ["/tilbud/overgangsboliger-til-unge-hjemloese/"]),
    ("unge hjemlose bolig", SEVERAL, ["/tilbud/overgangsboliger-til-unge-hjemloese/"]),
    ("herberg for unge", LAY, ["/tilbud/ungeherberget/"]),
    ("ungeherberg", FORM, ["/tilbud/ungeherberget/"]),
    ("forsorgshjem viborg", SEVERAL, ["/tilbud/forsorgscenter-vibohoej/"]),
    ("vibohoj", NO_DANISH_LETTERS, ["/tilbud/forsorgscenter-vibohoej/"]),
    ("hjornestenen", NO_DANISH_LETTERS, ["/tilbud/hjoernestenen/"]),
    ("hjoernesten", NO_DANISH_LETTERS, ["/tilbud/hjoernestenen/"]),
    ("ladegaarden", NO_DANISH_LETTERS, ["/tilbud/ladegaarden/"]),
    ("ladegarden", NO_DANISH_LETTERS, ["/tilbud/ladegaarden/"]),
    ("aabo", NO_DANISH_LETTERS, ["/tilbud/aabo/"]),
    ("blommevej", NAME, ["/tilbud/blommevej/"]),
    ("blomevej", TYPO, ["/tilbud/blommevej/"]),
    ("krisecenter", NAME, ["/tilbud/krisecenter-viborg/"]),
    ("krisecentret for kvinder", FORM, ["/tilbud/krisecenter-viborg/"]),
    ("women", ENGLISH, ["/tilbud/krisecenter-viborg/"]),
    ("maegling", NO_DANISH_LETTERS, ["/tilbud/maeglingstilbud-viborg/"]),
    ("konflikter i parforholdet", LAY, ["/tilbud/maeglingstilbud-viborg/"]),
    ("gratis tandlæge", SYNONYM, ["/tilbud/perron-4/"]),
    ("gratis tandlaege", SYNONYM, ["/tilbud/perron-4/"]),
    ("dentist", ENGLISH, ["/tilbud/perron-4/"]),
    ("ryger hash", LAY, ["/tilbud/ungeteamet/"]),
    ("skunk", SYNONYM, ["/tilbud/ungeteamet/"]),
    ("online alkoholbehandling", NAME, ["/tilbud/online-alkoholbehandling/"]),
    ("drikke mindre", LAY, ["/tilbud/online-alkoholbehandling/"]),
    ("alkohl online", TYPO, ["/tilbud/online-alkoholbehandling/"]),
    ("parorende", NO_DANISH_LETTERS, ["/tilbud/raadgivning-til-paaroerende/"]),
    (
        "radgivning til parorende",
        NO_DANISH_LETTERS,
        ["/tilbud/raadgivning-til-paaroerende/"],
    ),
    ("mindfulness gruppe", SEVERAL, ["/tilbud/mindfulnessgruppe/"]),
    ("kognitiv gruppe", SEVERAL, ["/tilbud/kat-gruppe/"]),
    ("motivationsgruppen", FORM, ["/tilbud/motivationsgruppe/"]),
    ("psykoterapeut", FORM, ["/tilbud/psykoterapi-viborg/"]),
    ("seksualvejledning", NAME, ["/tilbud/seksualvejledning-viborg/"]),
    ("tulu", NAME, ["/tilbud/tulu/"]),
    ("medicin mod afhængighed", SEVERAL, ["/tilbud/medicinsk-behandling-rcr/"]),
    ("act team", NAME, ["/tilbud/act-teamet/"]),
    ("mobilteamet", FORM, ["/tilbud/mobilteam/"]),
    ("opsogende", NO_DANISH_LETTERS, ["/tilbud/opsoegende-indsats/"]),
    ("stotte og kontaktperson", NO_DANISH_LETTERS, ["/tilbud/opsoegende-indsats/"]),
    ("basisforlob", NO_DANISH_LETTERS, ["/tilbud/basisforloebet/"]),
    ("cafe rusfri", NO_DANISH_LETTERS, ["/tilbud/cafe-rusfri/"]),
    ("familieindsats", FORM, ["/tilbud/familieindsatsen/"]),
    ("born af misbrugere", LAY, ["/tilbud/brus/"]),
    ("brus", NAME, ["/tilbud/brus/"]),
    ("udslusning", NAME, ["/tilbud/udslusning/"]),
    ("ladebo", NAME, ["/tilbud/ladebo/"]),
    ("mestringsvejleder", FORM, ["/tilbud/mestringsvejledning/"]),
    ("rusmiddelcenter viborg", SEVERAL, ["/tilbud/rusmiddelcenter-viborg/"]),
    ("rusmiddelcentret randers", FORM, ["/tilbud/rusmiddelcenter-randers/"]),
    ("individuel behandling", SEVERAL, ["/tilbud/individuel-behandling/"]),
    (
        "haandholdt indsats",
        NO_DANISH_LETTERS,
        ["/tilbud/haandholdt-indsats-til-saarbare-unge/"],
    ),
    (
        "sarbare unge voksen",
        NO_DANISH_LETTERS,
        ["/tilbud/haandholdt-indsats-til-saarbare-unge/"],
    ),
    ("fremskudt indsats", SEVERAL, ["/tilbud/fremskudt-indsats/"]),
    ("doctor", ENGLISH, ["/tilbud/medicinsk-behandling-rcr/"]),
    # Methods.
    ("motiverende samtale", LAY, ["/metoder/mi/"]),
    ("motivational interviewing", ENGLISH, ["/metoder/mi/"]),
    ("housing first", NAME, ["/metoder/housing-first/"]),
    ('"housing first"', NAME, ["/metoder/housing-first/"]),
    ("case management", NAME, ["/metoder/icm/"]),
    ("critical time intervention", NAME, ["/metoder/cti/"]),
    ("kognitiv adfaerdsterapi", NO_DANISH_LETTERS, ["/metoder/kat/"]),
    ("kognetiv", TYPO, ["/metoder/kat/"]),
    ("cbt", ENGLISH, ["/metoder/kat/"]),
    ("nada akupunktur", SEVERAL, ["/metoder/nada/"]),
    ("abstinens", FORM, ["/metoder/nada/"]),
    ("tilbagefald", FORM, ["/metoder/mindfulness-baseret-tilbagefaldsforebyggelse/"]),
    ("laer at tackle", NO_DANISH_LETTERS, ["/metoder/laer-at-tackle/"]),
    ("smart maal", NO_DANISH_LETTERS, ["/metoder/smart-maal/"]),
    ("neuropaedagogik", NO_DANISH_LETTERS, ["/metoder/neuropaedagogik/"]),
    ("psykoedukation", NAME, ["/metoder/psykoedukation/"]),
    ("recovery", ENGLISH, ["/metoder/recovery-orienteret-rehabilitering/"]),
    ("voksenudredning", FORM, ["/metoder/vum/"]),
    ("forandringscirkel", FORM, ["/metoder/forandringscirklen/"]),
    ("parbehandling", NAME, ["/metoder/parbehandling/"]),
    ("craft parorende", NO_DANISH_LETTERS, ["/metoder/craft/"]),
    ("systemisk metode", NAME, ["/metoder/systemisk-metode/"]),
    ("grafisk facilitering", NAME, ["/metoder/grafisk-facilitering/"]),
    ("tegninger", LAY, ["/metoder/grafisk-facilitering/"]),
    ("coaching", NAME, ["/metoder/coaching/"]),
    ("daglig livsforelse", NO_DANISH_LETTERS, ["/metoder/adl/"]),
    ("de sma skridt", NO_DANISH_LETTERS, ["/metoder/de-smaa-skridts-metode/"]),
    ("her og nu støtte", SEVERAL, ["/metoder/her-og-nu-stoette/"]),
    ("her og nu stoette", NO_DANISH_LETTERS, ["/metoder/her-og-nu-stoette/"]),
    ("medicinsk behandling", NAME, ["/metoder/medicinsk-behandling/"]),
    ("misbrug og psykisk sygdom", SEVERAL, ["/metoder/dobbeltfokuseret-behandling/"]),
    # Resources.
    (
        "retningslinjer alkoholafhængighed",
        SEVERAL,
        ["/materialer/nkr-alkoholafhaengighed/"],
    ),
    (
        "substitutionsbehandling",
        NAME,
        ["/materialer/vejledning-substitutionsbehandling/"],
    ),
    ("forraelse", NO_DANISH_LETTERS, ["/materialer/forraaelse/"]),
    ("udsat i danmark app", SEVERAL, ["/materialer/udsat-i-danmark/"]),
    ("hus forbi", NAME, ["/materialer/udsat-i-danmark/"]),
    (
        "ydelsesbeskrivelse perron",
        SEVERAL,
        ["/materialer/ydelsesbeskrivelse-perron-4/"],
    ),
    (
        "hjemlosestrategien",
        NO_DANISH_LETTERS,
        ["/materialer/samfundsoekonomisk-analyse-hjemloesestrategien/"],
    ),
    (
        "forebyggelsespakke",
        FORM,
        ["/materialer/forebyggelsespakker-alkohol-og-stoffer/"],
    ),
    ("anerkendelse", NAME, ["/materialer/moed-den-socialt-udsatte-med-anerkendelse/"]),
    (
        "hjernen beloenner",
        NO_DANISH_LETTERS,
        ["/materialer/din-hjerne-beloenner-misbrug/"],
    ),
    ("dobbeltdiagnose", NAME, ["/materialer/slides-dobbeltdiagnose/"]),
    # Knowledge sources.
    ("sundhedsstyrelsen", NAME, ["/videnskilder/sundhedsstyrelsen/"]),
    ("vive", NAME, ["/videnskilder/vive/"]),
    ("alkopedia", NAME, ["/videnskilder/alkopedia/"]),
    ("ramboll", NO_DANISH_LETTERS, ["/videnskilder/ramboell-management-consulting/"]),
    ("danmarks statistik", NAME, ["/videnskilder/danmarks-statistik/"]),
    (
        "landsforeningen af vaeresteder",
        NO_DANISH_LETTERS,
        ["/videnskilder/landsforeningen-af-vaeresteder/"],
    ),
    (
        "ringgaarden",
        NO_DANISH_LETTERS,
        ["/videnskilder/ringgaardens-kompetencecenter/"],
    ),
    (
        "vaeksthuset",
        NO_DANISH_LETTERS,
        ["/videnskilder/vaeksthusets-forskningscenter/"],
    ),
    # Talks and presenters.
    ("oplaeg om hash", NO_DANISH_LETTERS, ["Oplæg om unge og hash"]),
    (
        "undervisning i mi",
        SEVERAL,
        ["Undervisning og træning i Motiverende Interview (MI)"],
    ),
    ("oplæg grafisk facilitering", SEVERAL, ["Oplæg om grafisk facilitering"]),
    ("felix venndt", NAME, ["Felix Venndt"]),
    ("linda guven", NO_DANISH_LETTERS, ["Linda Güven"]),
    ("andre hallager", NO_DANISH_LETTERS, ["André Hallager"]),
    ("jette moller", NO_DANISH_LETTERS, ["Jette Møller"]),
    ("helle andreasen", TYPO, ["Helle Andreassen"]),
    # Plans, focus areas, initiatives and goals.
    ("social pejling", NAME, ["Social Pejling i alle 6. klasser"]),
    ("rusmiddelplan", NAME, ["/planer/rusmiddelplan-2017-2020/"]),
    (
        "plan for udsatteomradet",
        NO_DANISH_LETTERS,
        ["/planer/plan-for-udsatteomraadet-2018-2021/"],
    ),
    ("udviklingsplan viborg", FORM, ["/planer/viborg-udviklingsplaner-2017-2018/"]),
    ("boliglosninger", NO_DANISH_LETTERS, ["Individuelle og fleksible boligløsninger"]),
    ("tidlig opsporing", SEVERAL, ["Tidlig opsporing og fremskudte indsatser"]),
    ("unge pa kanten", NO_DANISH_LETTERS, ["Tidlig indsats for unge på kanten"]),
    ("ssp", NAME, ["Deltagelse i SSP-samarbejdet"]),
    ("kriminalforsorgen", NAME, ["Samarbejde med Kriminalforsorgen"]),
    (
        "etniske minoriteter",
        SEVERAL,
        ["Samarbejde om etniske minoriteter på udsatteområdet"],
    ),
    ("parat til job", SEVERAL, ['Tilbuddet "Parat til job"']),
    ("boligforeningerne", NAME, ["Samarbejde med boligforeningerne"]),
    (
        "udsaettelser",
        NO_DANISH_LETTERS,
        ["Forebyggelse af udsættelser med Den boligsociale enhed"],
    ),
]

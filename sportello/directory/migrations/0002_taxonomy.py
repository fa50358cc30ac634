"""Our single taxonomy (ARCHITECTURE.md): the same terms classify needs and services.
Codes are stable: other tables, exports and the indicators refer to them."""

from django.db import migrations

# code, sensitive, {lang: name}, description (it, en)
TERMS = [
    ("italian-l2", False,
     {"it": "Lingua italiana (L2)", "en": "Italian language (L2)", "fr": "Langue italienne (L2)",
      "ar": "اللغة الإيطالية", "ro": "Limba italiană (L2)", "sq": "Gjuha italiane (L2)"},
     ("Corsi di italiano per stranieri, certificazioni, conversazione.",
      "Italian courses for foreigners, certificates, conversation.")),
    ("school-education", False,
     {"it": "Scuola e istruzione dei minori", "en": "School and children's education",
      "fr": "École et scolarité des enfants", "ar": "المدرسة وتعليم الأطفال",
      "ro": "Școala și educația copiilor", "sq": "Shkolla dhe arsimimi i fëmijëve"},
     ("Iscrizione a scuola, doposcuola, sostegno allo studio.",
      "School enrolment, after-school, study support.")),
    ("vocational-training", False,
     {"it": "Formazione professionale", "en": "Vocational training",
      "fr": "Formation professionnelle", "ar": "التكوين المهني", "ro": "Formare profesională",
      "sq": "Formimi profesional"},
     ("Corsi professionali, tirocini, riconoscimento di titoli.",
      "Vocational courses, traineeships, recognition of qualifications.")),
    ("job", False,
     {"it": "Orientamento e inserimento lavorativo", "en": "Job orientation and placement",
      "fr": "Orientation et insertion professionnelle", "ar": "التوجيه والإدماج في سوق العمل",
      "ro": "Orientare și integrare profesională", "sq": "Orientimi dhe punësimi"},
     ("Centro per l'impiego, curriculum, ricerca di lavoro, diritti dei lavoratori.",
      "Job centre, CV, job search, workers' rights.")),
    ("health", True,
     {"it": "Accesso alla salute", "en": "Health access", "fr": "Accès aux soins",
      "ar": "الحصول على الرعاية الصحية", "ro": "Acces la servicii de sănătate",
      "sq": "Qasja në shërbimet shëndetësore"},
     ("Iscrizione al SSN, codici STP/ENI, pediatra, consultorio familiare.",
      "Registration with the national health service, STP/ENI codes, paediatrician, family clinic.")),
    ("psychosocial", True,
     {"it": "Supporto psicosociale", "en": "Psychosocial support", "fr": "Soutien psychosocial",
      "ar": "الدعم النفسي والاجتماعي", "ro": "Sprijin psihosocial", "sq": "Mbështetje psikosociale"},
     ("Ascolto, sostegno psicologico, centri di salute mentale.",
      "Listening, psychological support, mental-health centres.")),
    ("legal", True,
     {"it": "Assistenza legale", "en": "Legal assistance", "fr": "Assistance juridique",
      "ar": "المساعدة القانونية", "ro": "Asistență juridică", "sq": "Ndihmë ligjore"},
     ("Consulenza legale, tutela dei diritti, gratuito patrocinio.",
      "Legal advice, protection of rights, legal aid.")),
    ("documents", True,
     {"it": "Documenti e pratiche amministrative", "en": "Documents and administrative procedures",
      "fr": "Documents et démarches administratives", "ar": "الوثائق والإجراءات الإدارية",
      "ro": "Documente și proceduri administrative", "sq": "Dokumente dhe procedura administrative"},
     ("Residenza anagrafica, codice fiscale, aiuto per il rinnovo del permesso.",
      "Residence registration, tax code, help with permit renewal.")),
    ("housing", False,
     {"it": "Casa", "en": "Housing", "fr": "Logement", "ar": "السكن", "ro": "Locuință",
      "sq": "Strehimi"},
     ("Ricerca di casa, contributi per l'affitto, edilizia sociale.",
      "Finding a home, rent support, social housing.")),
    ("culture-sport", False,
     {"it": "Attività socio-culturali, sportive e ricreative",
      "en": "Socio-cultural, sport and recreation",
      "fr": "Activités socioculturelles, sportives et de loisirs",
      "ar": "الأنشطة الاجتماعية والثقافية والرياضية والترفيهية",
      "ro": "Activități socio-culturale, sportive și recreative",
      "sq": "Aktivitete socio-kulturore, sportive dhe argëtuese"},
     ("Associazioni, sport, biblioteche, feste, volontariato.",
      "Associations, sport, libraries, festivals, volunteering.")),
    ("family", False,
     {"it": "Famiglia, maternità e infanzia", "en": "Family, maternity and children",
      "fr": "Famille, maternité et enfance", "ar": "الأسرة والأمومة والطفولة",
      "ro": "Familie, maternitate și copilărie", "sq": "Familja, amësia dhe fëmijëria"},
     ("Nidi, sostegno alla genitorialità, percorso nascita.",
      "Nurseries, parenting support, pregnancy and birth care.")),
    ("economic-support", False,
     {"it": "Sostegno economico e prestazioni", "en": "Economic support and benefits",
      "fr": "Aide économique et prestations", "ar": "الدعم الاقتصادي والإعانات",
      "ro": "Sprijin economic și prestații sociale", "sq": "Mbështetje ekonomike dhe përfitime"},
     ("Bonus, assegni, aiuti alimentari, servizi sociali.",
      "Allowances, family benefits, food aid, social services.")),
    ("mediation", False,
     {"it": "Mediazione linguistico-culturale", "en": "Linguistic-cultural mediation",
      "fr": "Médiation linguistique et culturelle", "ar": "الوساطة اللغوية والثقافية",
      "ro": "Mediere lingvistică și culturală", "sq": "Ndërmjetësim gjuhësor dhe kulturor"},
     ("Interpreti e mediatori per parlare con scuole, ospedali, uffici.",
      "Interpreters and mediators to talk with schools, hospitals, offices.")),
    ("other", False,
     {"it": "Altro", "en": "Other", "fr": "Autre", "ar": "أخرى", "ro": "Altele", "sq": "Tjetër"},
     ("", "")),
]


def create(apps, schema_editor):
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    for position, (code, sensitive, names, (desc_it, desc_en)) in enumerate(TERMS):
        fields = {f"name_{lang}": name for lang, name in names.items()}
        fields["name"] = names["it"]
        fields.update(description=desc_it, description_it=desc_it, description_en=desc_en)
        TaxonomyTerm.objects.update_or_create(
            code=code, defaults={"sensitive": sensitive, "position": position, **fields}
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]

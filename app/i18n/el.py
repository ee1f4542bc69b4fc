"""Greek for what customers receive: the e-mail templates and the PDF reports' words.

Keys are the English source texts (app/services/notifications.py, app/reports/render);
a text missing here stays English, and tests/unit/test_customer_language.py fails for
the ones a customer sees.
"""

from __future__ import annotations

# Built-in e-mail templates to customers (string.Template placeholders, as the English).
TEMPLATES: dict[str, tuple[str, str]] = {
    "public_comment": (
        "[$number] $subject",
        "Αγαπητέ/ή $contact,\n\nυπάρχουν νέα για το αίτημά σας $number:\n\n$text\n\n"
        "Με εκτίμηση,\nΥποστήριξη\n",
    ),
    "resolution_awaiting_approval": (
        "[$number] Επιλύθηκε, αναμένεται η έγκρισή σας: $subject",
        "Αγαπητέ/ή $contact,\n\nεπιλύσαμε το αίτημά σας $number.\n\n"
        "Πρόβλημα: $problem\nΛύση: $solution\n\n"
        "Παρακαλούμε ενημερώστε μας αν εγκρίνετε την επίλυση.\n\nΜε εκτίμηση,\nΥποστήριξη\n",
    ),
    "ticket_closed": (
        "[$number] Έκλεισε: $subject",
        "Αγαπητέ/ή $contact,\n\nτο αίτημά σας $number έκλεισε. Σας ευχαριστούμε.\n\n"
        "Με εκτίμηση,\nΥποστήριξη\n",
    ),
    "release_on_test": (
        "Το $product $version είναι στο δοκιμαστικό σας περιβάλλον: παρακαλούμε επιβεβαιώστε",
        "Αγαπητέ/ή $contact,\n\nεγκαταστήσαμε το $product $version στο "
        "δοκιμαστικό περιβάλλον της $customer.\n\nΤι άλλαξε:\n$notes\n\n"
        "Παρακαλούμε ελέγξτε το με τις ρυθμίσεις σας και τις συνήθεις επιχειρησιακές σας "
        "διαδικασίες και απαντήστε σε αυτό το e-mail: πείτε μας αν το εγκρίνετε για την "
        "παραγωγή ή τι δεν λειτουργεί (βήματα, στιγμιότυπα οθόνης). Εγκαθιστούμε στην "
        "παραγωγή μόνο μετά την έγκρισή σας.\n\nΜε εκτίμηση,\nΥποστήριξη\n",
    ),
    "release_on_production": (
        "Το $product $version είναι πλέον στο παραγωγικό σας περιβάλλον",
        "Αγαπητέ/ή $contact,\n\nμετά την επιβεβαίωσή σας εγκαταστήσαμε το $product $version "
        "στο παραγωγικό περιβάλλον της $customer.\n\nΤι άλλαξε:\n$notes\n\n"
        "Με εκτίμηση,\nΥποστήριξη\n",
    ),
}

MESSAGES: dict[str, str] = {
    # the ticket report (app/reports/render/html.ticket_html)
    "Ticket resolution report": "Αναφορά επίλυσης αιτήματος",
    "Ticket resolution report {number}": "Αναφορά επίλυσης αιτήματος {number}",
    "Customer": "Πελάτης",
    "Contact": "Επαφή",
    "Service": "Υπηρεσία",
    "Category": "Κατηγορία",
    "Priority": "Προτεραιότητα",
    "Status": "Κατάσταση",
    "Opened": "Άνοιγμα",
    "First response": "Πρώτη απόκριση",
    "Resolved": "Επίλυση",
    "Closed": "Κλείσιμο",
    "The problem": "Το πρόβλημα",
    "The solution applied": "Η λύση που εφαρμόστηκε",
    "Not resolved yet.": "Δεν έχει επιλυθεί ακόμη.",
    "Resolution": "Επίλυση",
    "Time and service level": "Χρόνος και επίπεδο υπηρεσίας",
    "Elapsed (wall-clock)": "Πραγματικός χρόνος",
    "Business time": "Εργάσιμος χρόνος",
    "SLA target": "Στόχος SLA",
    "Outcome": "Αποτέλεσμα",
    "Waiting on you": "Αναμονή για εσάς",
    "Overall": "Συνολικά",
    "Reassignments": "Επανα-αναθέσεις",
    "Reopenings": "Επαναλήψεις ανοίγματος",
    "Time logged": "Καταγεγραμμένος χρόνος",
    "Total": "Σύνολο",
    "Person": "Πρόσωπο",
    "Time": "Χρόνος",
    "No time was logged.": "Δεν καταγράφηκε χρόνος.",
    "History": "Ιστορικό",
    "When": "Πότε",
    "Who": "Ποιος",
    "What": "Τι",
    "Times are shown in {zone}. Business time counts the working hours of your contract "
    "and leaves out the time the ticket waited on you.": (
        "Οι ώρες εμφανίζονται σε ώρα {zone}. Ο εργάσιμος χρόνος μετρά τις εργάσιμες ώρες του "
        "συμβολαίου σας και δεν περιλαμβάνει τον χρόνο που το αίτημα περίμενε εσάς."
    ),
    "Imported from {source}.": "Εισήχθη από {source}.",
    "met": "τηρήθηκε",
    "missed": "δεν τηρήθηκε",
    "breached": "εκπρόθεσμο",
    "at risk": "σε κίνδυνο",
    "paused": "σε παύση",
    "on track": "εντός χρόνου",
    "in progress": "σε εξέλιξη",
    "no SLA": "χωρίς SLA",
    "SLA met": "Το SLA τηρήθηκε",
    "SLA missed": "Το SLA δεν τηρήθηκε",
    "{hours} h {minutes} min": "{hours} ώ. {minutes} λ.",
    # the page frame (ui/printing)
    "Generated {when}": "Δημιουργήθηκε {when}",
    "Page {number} of {pages}": "Σελίδα {number} από {pages}",
    # values a report shows
    "low": "χαμηλή",
    "medium": "μεσαία",
    "high": "υψηλή",
    "critical": "κρίσιμη",
    "incident": "περιστατικό",
    "service request": "αίτημα υπηρεσίας",
    "upgrade": "αναβάθμιση",
    "patch": "διορθωτική ενημέρωση",
    "question": "ερώτηση",
    "managed hosting": "διαχειριζόμενη φιλοξενία",
    "software maintenance": "συντήρηση λογισμικού",
    "first level support": "υποστήριξη πρώτου επιπέδου",
    "second level support": "υποστήριξη δεύτερου επιπέδου",
    "system monitoring": "παρακολούθηση συστημάτων",
    # the period report (app/reports/render/html.period_html)
    "Service report": "Αναφορά υπηρεσιών",
    "All customers": "Όλοι οι πελάτες",
    "card|Reopen rate": "Επανανοίγματα",
    "card|SLA met": "Τήρηση SLA",
    "count|Opened": "Άνοιξαν",
    "count|Resolved": "Επιλύθηκαν",
    "count|Closed": "Έκλεισαν",
    "Median resolution": "Διάμεση επίλυση",
    " h": " ώ.",
    "All": "Όλα",
    "Response and resolution times (hours)": "Χρόνοι απόκρισης και επίλυσης (ώρες)",
    "Tickets": "Αιτήματα",
    "Response<br/>median": "Απόκριση<br/>διάμεση",
    "Response<br/>p90": "Απόκριση<br/>p90",
    "Resolution<br/>median": "Επίλυση<br/>διάμεση",
    "Resolution<br/>mean": "Επίλυση<br/>μέση",
    "Resolution<br/>p90": "Επίλυση<br/>p90",
    "Business<br/>median": "Εργάσιμος<br/>διάμεση",
    "Business<br/>p90": "Εργάσιμος<br/>p90",
    "Service level and rework": "Επίπεδο υπηρεσίας και επανεργασία",
    "Response<br/>met": "Απόκριση<br/>εντός",
    "Resolution<br/>met": "Επίλυση<br/>εντός",
    "SLA<br/>met": "SLA<br/>εντός",
    "Re-<br/>assigned": "Επανα-<br/>ανατέθηκαν",
    "Re-<br/>opened": "Ξανα-<br/>άνοιξαν",
    "Reopen<br/>rate": "Ποσοστό<br/>επανανοίγματος",
    "Time<br/>logged": "Καταγεγραμμένος<br/>χρόνος",
    "Tickets by category, service and product": "Αιτήματα ανά κατηγορία, υπηρεσία και προϊόν",
    "Product": "Προϊόν",
    "SLA breaches": "Παραβιάσεις SLA",
    "Ticket": "Αίτημα",
    "Subject": "Θέμα",
    "Missed": "Δεν τηρήθηκε",
    "The first {shown} of {total} breaches are listed (the JSON and CSV say the same).": (
        "Εμφανίζονται οι πρώτες {shown} από {total} παραβιάσεις (το ίδιο λένε το JSON και το CSV)."
    ),
    "None in this period.": "Καμία σε αυτή την περίοδο.",
    "Open backlog by age": "Ανοιχτές εκκρεμότητες κατά ηλικία",
    "Age": "Ηλικία",
    "No open tickets.": "Κανένα ανοιχτό αίτημα.",
    "Time logged per person": "Καταγεγραμμένος χρόνος ανά πρόσωπο",
    "Time logged per customer": "Καταγεγραμμένος χρόνος ανά πελάτη",
    "Dates and times are shown in {zone}.": (
        "Οι ημερομηνίες και οι ώρες εμφανίζονται σε ώρα {zone}."
    ),
    "response": "απόκριση",
    "resolution": "επίλυση",
    "response, resolution": "απόκριση, επίλυση",
    "under 1 day": "κάτω από 1 ημέρα",
    "1-3 days": "1-3 ημέρες",
    "3-7 days": "3-7 ημέρες",
    "7-30 days": "7-30 ημέρες",
    "over 30 days": "πάνω από 30 ημέρες",
    # the period report's charts (ui/printing/pdf.py)
    "Tickets per priority": "Αιτήματα ανά προτεραιότητα",
    "SLA met per priority (%)": "Τήρηση SLA ανά προτεραιότητα (%)",
    "Response": "Απόκριση",
    "Tickets per category": "Αιτήματα ανά κατηγορία",
    "open": "ανοιχτά",
    # the monthly SLA report (app/reports/render/monthly_html.py, ui/printing/monthly.py)
    "Monthly SLA report": "Μηνιαία αναφορά SLA",
    "SLA report": "Αναφορά SLA",
    "Contract": "Συμβόλαιο",
    "none": "κανένα",
    "Tier": "Βαθμίδα",
    "Services": "Υπηρεσίες",
    "Period": "Περίοδος",
    "Time zone": "Ζώνη ώρας",
    "final": "οριστική",
    "<b>interim</b> (month not over)": "<b>προσωρινή</b> (ο μήνας δεν έχει τελειώσει)",
    "Availability": "Διαθεσιμότητα",
    "systems on target": "συστήματα εντός στόχου",
    "Outages": "Διακοπές",
    "recorded": "καταγράφηκαν",
    "Alerts": "Ειδοποιήσεις",
    "{count} acknowledged in time": "{count} αναγνωρίστηκαν εγκαίρως",
    "Credits": "Πιστώσεις",
    "due": "οφείλονται",
    "none due": "καμία οφειλόμενη",
    "1. Availability": "1. Διαθεσιμότητα",
    "System": "Σύστημα",
    "Hours": "Ώρες",
    "Target": "Στόχος",
    "Sched.": "Προγρ.",
    "Maint.": "Συντ.",
    "Down": "Εκτός",
    "De-<br/>graded": "Υποβ.",
    "Achieved": "Επίτευξη",
    "Result": "Έκβαση",
    "Credit": "Πίστ.",
    "The contract sets no availability target.": ("Το συμβόλαιο δεν ορίζει στόχο διαθεσιμότητας."),
    "2. Outages": "2. Διακοπές",
    "Kind": "Είδος",
    "Started": "Έναρξη",
    "Ended": "Λήξη",
    "In this month": "Μέσα στον μήνα",
    "Source": "Πηγή",
    "ongoing": "σε εξέλιξη",
    "No outages this month.": "Καμία διακοπή αυτόν τον μήνα.",
    "3. Planned maintenance (excluded from availability)": (
        "3. Προγραμματισμένη συντήρηση (εκτός του υπολογισμού διαθεσιμότητας)"
    ),
    "From": "Από",
    "To": "Έως",
    "Duration": "Διάρκεια",
    "Note": "Σημείωση",
    "all systems": "όλα τα συστήματα",
    "No planned maintenance this month.": "Καμία προγραμματισμένη συντήρηση αυτόν τον μήνα.",
    "How the figures are computed": "Πώς υπολογίζονται τα στοιχεία",
    "4. System monitoring": "4. Παρακολούθηση συστημάτων",
    "no target": "χωρίς στόχο",
    "Acknowledge target": "Στόχος αναγνώρισης",
    "Acknowledged": "Με απόκριση",
    "Within target": "Εντός στόχου",
    "Median detection": "Διάμεσος χρόνος εντοπισμού",
    "Median acknowledge": "Διάμεσος χρόνος αναγνώρισης",
    "Slowest acknowledge": "Πιο αργή αναγνώριση",
    "Alert": "Ειδοποίηση",
    "Fired": "Ενεργοποιήθηκε",
    "Detected<br/>after": "Εντοπίστηκε<br/>μετά από",
    "Engineer<br/>on it after": "Μηχανικός<br/>σε ενέργεια μετά από",
    "pending": "εκκρεμεί",
    "5. Support: response and resolution": "5. Υποστήριξη: απόκριση και επίλυση",
    "No tickets were opened this month.": "Δεν άνοιξε κανένα αίτημα αυτόν τον μήνα.",
    "Response met": "Απόκριση εντός",
    "Resolution met": "Επίλυση εντός",
    "Breaches:": "Παραβιάσεις:",
    "No response or resolution target was missed.": (
        "Δεν χάθηκε κανένας στόχος απόκρισης ή επίλυσης."
    ),
    "6. Service credits": "6. Πιστώσεις υπηρεσίας",
    "No service credits are due for this month.": (
        "Δεν οφείλονται πιστώσεις υπηρεσίας για αυτόν τον μήνα."
    ),
    "Credit (of the month's fee)": "Πίστωση (επί της μηνιαίας χρέωσης)",
    "Acceptance": "Αποδοχή",
    "The undersigned confirm the figures of this report for {month}.": (
        "Οι υπογράφοντες επιβεβαιώνουν τα στοιχεία αυτής της αναφοράς για τον μήνα {month}."
    ),
    "For {party}": "Εκ μέρους: {party}",
    "Name:": "Όνομα:",
    "Signature:": "Υπογραφή:",
    "Date:": "Ημερομηνία:",
    "Managed hosting": "Διαχειριζόμενη φιλοξενία",
    "System monitoring": "Παρακολούθηση συστημάτων",
    "Software maintenance": "Συντήρηση λογισμικού",
    "First-level support": "Υποστήριξη πρώτου επιπέδου",
    "Second-level support": "Υποστήριξη δεύτερου επιπέδου",
    "24 × 7": "24 × 7",
    "Business hours": "Εργάσιμες ώρες",
    "{minutes} min": "{minutes} λ.",
    "{hours} h": "{hours} ώ.",
    # the monthly report's notes (app/services/monthly_report._notes)
    "No contract was valid in this month: no targets apply.": (
        "Κανένα συμβόλαιο δεν ίσχυε αυτόν τον μήνα: δεν ισχύουν στόχοι."
    ),
    "The month is not over: figures are measured up to the time of printing.": (
        "Ο μήνας δεν έχει τελειώσει: τα στοιχεία μετρώνται έως τη στιγμή της εκτύπωσης."
    ),
    "Availability = 1 − (downtime + ½ × degraded time) ÷ scheduled time, per system, where "
    "scheduled time (Sched.) is the service hours of the month less the planned maintenance "
    "(Maint.); overlapping outages count once.": (
        "Διαθεσιμότητα = 1 − (χρόνος εκτός λειτουργίας + ½ × χρόνος υποβάθμισης) ÷ "
        "προγραμματισμένος χρόνος, ανά σύστημα, όπου προγραμματισμένος χρόνος (Προγρ.) είναι "
        "οι ώρες υπηρεσίας του μήνα μείον την προγραμματισμένη συντήρηση (Συντήρ.)· "
        "αλληλοεπικαλυπτόμενες διακοπές μετρώνται μία φορά."
    ),
    "Response and resolution compliance covers the tickets opened in the month (by UTC day).": (
        "Η τήρηση απόκρισης και επίλυσης αφορά τα αιτήματα που άνοιξαν μέσα στον μήνα "
        "(κατά ημέρα UTC)."
    ),
    "verdict|met": "εντός",
    "verdict|missed": "εκτός",
    # the ticket report's history (app/services/reports._WORDS)
    "Ticket opened": "Άνοιγμα αιτήματος",
    "Comment": "Σχόλιο",
    "Customer approved the resolution": "Ο πελάτης ενέκρινε την επίλυση",
    "Customer rejected the resolution": "Ο πελάτης απέρριψε την επίλυση",
    "Customer replied": "Ο πελάτης απάντησε",
    "Cancelled": "Ακυρώθηκε",
    # outage kinds and sources (monthly report)
    "full": "πλήρης",
    "degraded": "υποβάθμιση",
    "manual": "χειροκίνητα",
    "alert": "ειδοποίηση",
    # statuses (app/domain/labels.py), as the desk's Greek says them
    "status:New": "Νέο",
    "status:Assigned": "Ανατέθηκε",
    "status:In progress": "Σε εξέλιξη",
    "status:Waiting on customer": "Αναμονή πελάτη",
    "status:Resolved": "Επιλυμένο",
    "status:Closed": "Κλειστό",
    "status:Cancelled": "Ακυρωμένο",
}

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="el_GR">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About SupportDesk</source>
        <translation>Σχετικά με το SupportDesk</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Βάση δεδομένων: %1</translation>
    </message>
    <message>
        <source>Logged in as %1 (%2)</source>
        <translation>Συνδεδεμένος ως %1 (%2)</translation>
    </message>
</context>
<context>
    <name>AdministrationWindow</name>
    <message>
        <source>Administration — SupportDesk</source>
        <translation>Διαχείριση — SupportDesk</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Ενότητες</translation>
    </message>
</context>
<context>
    <name>AppActions</name>
    <message>
        <source>&amp;New ticket…</source>
        <translation>&amp;Νέο αίτημα…</translation>
    </message>
    <message>
        <source>Open a new ticket</source>
        <translation>Άνοιγμα νέου αιτήματος</translation>
    </message>
    <message>
        <source>E&amp;xport queue (CSV)…</source>
        <translation>Ε&amp;ξαγωγή ουράς (CSV)…</translation>
    </message>
    <message>
        <source>Save the tickets the queue shows as a CSV file</source>
        <translation>Αποθήκευση των αιτημάτων που δείχνει η ουρά σε αρχείο CSV</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>Ανα&amp;ζήτηση</translation>
    </message>
    <message>
        <source>Search the queue</source>
        <translation>Αναζήτηση στην ουρά</translation>
    </message>
    <message>
        <source>&amp;Next ticket</source>
        <translation>&amp;Επόμενο αίτημα</translation>
    </message>
    <message>
        <source>Select the next ticket</source>
        <translation>Επιλογή του επόμενου αιτήματος</translation>
    </message>
    <message>
        <source>&amp;Previous ticket</source>
        <translation>&amp;Προηγούμενο αίτημα</translation>
    </message>
    <message>
        <source>Select the previous ticket</source>
        <translation>Επιλογή του προηγούμενου αιτήματος</translation>
    </message>
    <message>
        <source>&amp;Comment</source>
        <translation>&amp;Σχόλιο</translation>
    </message>
    <message>
        <source>Write a comment on this ticket</source>
        <translation>Σχόλιο σε αυτό το αίτημα</translation>
    </message>
    <message>
        <source>Take ne&amp;xt</source>
        <translation>Ανάληψη επό&amp;μενου</translation>
    </message>
    <message>
        <source>Take the most urgent ticket</source>
        <translation>Ανάληψη του πιο επείγοντος αιτήματος</translation>
    </message>
    <message>
        <source>&amp;Assign selected…</source>
        <translation>Ανά&amp;θεση επιλεγμένων…</translation>
    </message>
    <message>
        <source>Assign the selected tickets</source>
        <translation>Ανάθεση των επιλεγμένων αιτημάτων</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Ανα&amp;νέωση</translation>
    </message>
    <message>
        <source>Reload the queue and the ticket</source>
        <translation>Επαναφόρτωση της ουράς και του αιτήματος</translation>
    </message>
    <message>
        <source>Ticket &amp;report (PDF)…</source>
        <translation>Α&amp;ναφορά αιτήματος (PDF)…</translation>
    </message>
    <message>
        <source>Save this ticket&apos;s report</source>
        <translation>Αποθήκευση της αναφοράς του αιτήματος</translation>
    </message>
    <message>
        <source>Release &amp;promotion…</source>
        <translation>Προώθηση έκ&amp;δοσης…</translation>
    </message>
    <message>
        <source>Promote a release: test, customer verification, production</source>
        <translation>Προώθηση έκδοσης: δοκιμαστικό, επιβεβαίωση πελάτη, παραγωγή</translation>
    </message>
    <message>
        <source>&amp;Version matrix</source>
        <translation>Πίνακας εκ&amp;δόσεων</translation>
    </message>
    <message>
        <source>Versions per customer</source>
        <translation>Εκδόσεις ανά πελάτη</translation>
    </message>
    <message>
        <source>Pending &amp;verifications</source>
        <translation>Εκκρεμείς επι&amp;βεβαιώσεις</translation>
    </message>
    <message>
        <source>Customers we wait for to verify a release</source>
        <translation>Πελάτες που περιμένουμε να επιβεβαιώσουν μια έκδοση</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>Πίνακας &amp;ελέγχου</translation>
    </message>
    <message>
        <source>SLA, backlog and load figures</source>
        <translation>SLA, εκκρεμότητες και φόρτος</translation>
    </message>
    <message>
        <source>&amp;Unmatched mail</source>
        <translation>Αταύτιστη &amp;αλληλογραφία</translation>
    </message>
    <message>
        <source>Mail from unknown senders, waiting for a decision</source>
        <translation>Αλληλογραφία από άγνωστους αποστολείς που περιμένει απόφαση</translation>
    </message>
    <message>
        <source>&amp;Monthly SLA report…</source>
        <translation>&amp;Μηνιαία αναφορά SLA…</translation>
    </message>
    <message>
        <source>A customer&apos;s availability, alerts, SLA figures and credits of a month</source>
        <translation>Διαθεσιμότητα, ειδοποιήσεις, μεγέθη SLA και πιστώσεις ενός πελάτη για έναν μήνα</translation>
    </message>
    <message>
        <source>&amp;Administration…</source>
        <translation>&amp;Διαχείριση…</translation>
    </message>
    <message>
        <source>People, customers, contracts and SLA, products, assignment, mail, company</source>
        <translation>Χρήστες, πελάτες, συμβόλαια και SLA, προϊόντα, ανάθεση, αλληλογραφία, εταιρεία</translation>
    </message>
    <message>
        <source>Close this session and log in again, as anyone</source>
        <translation>Κλείσιμο αυτής της συνεδρίας και νέα σύνδεση, με οποιονδήποτε χρήστη</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Έ&amp;ξοδος</translation>
    </message>
    <message>
        <source>&amp;Log out / switch user…</source>
        <translation>&amp;Αποσύνδεση / αλλαγή χρήστη…</translation>
    </message>
    <message>
        <source>Quit SupportDesk</source>
        <translation>Έξοδος από το SupportDesk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Αρχείο</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Π&amp;ροβολή</translation>
    </message>
    <message>
        <source>&amp;Ticket</source>
        <translation>Αί&amp;τημα</translation>
    </message>
    <message>
        <source>&amp;Workflow</source>
        <translation>Ροή &amp;εργασίας</translation>
    </message>
    <message>
        <source>&amp;Releases</source>
        <translation>Εκ&amp;δόσεις</translation>
    </message>
    <message>
        <source>Re&amp;ports</source>
        <translation>Ανα&amp;φορές</translation>
    </message>
</context>
<context>
    <name>AssignmentSection</name>
    <message>
        <source>Assignment</source>
        <translation>Ανάθεση</translation>
    </message>
    <message>
        <source>Automatic assignment</source>
        <translation>Αυτόματη ανάθεση</translation>
    </message>
    <message>
        <source>&amp;Policy</source>
        <translation>&amp;Πολιτική</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Αυτόματα</translation>
    </message>
    <message>
        <source>&amp;Assign new tickets to the first available engineer</source>
        <translation>&amp;Ανάθεση νέων αιτημάτων στον πρώτο διαθέσιμο μηχανικό</translation>
    </message>
    <message>
        <source>Default &amp;cap</source>
        <translation>Προεπιλεγμένο ό&amp;ριο</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>χωρίς όριο</translation>
    </message>
    <message>
        <source>Open tickets at most, for engineers without a cap of their own</source>
        <translation>Μέγιστος αριθμός ανοιχτών αιτημάτων, για μηχανικούς χωρίς δικό τους όριο</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Αποθήκευση</translation>
    </message>
    <message>
        <source>Round-robin gives the next ticket to whoever waited longest; least-loaded to whoever has the fewest open tickets. Engineers receive tickets only within their weekly schedule, their skills and their cap (People › Engineers).</source>
        <translation>Η εκ περιτροπής ανάθεση δίνει το επόμενο αίτημα σε όποιον περιμένει περισσότερο· η ανάθεση στον λιγότερο φορτωμένο σε όποιον έχει τα λιγότερα ανοιχτά αιτήματα. Οι μηχανικοί λαμβάνουν αιτήματα μόνο μέσα στο εβδομαδιαίο πρόγραμμά τους, τις δεξιότητές τους και το όριό τους (Χρήστες › Μηχανικοί).</translation>
    </message>
    <message>
        <source>Engineers</source>
        <translation>Μηχανικοί</translation>
    </message>
    <message>
        <source>Engineer</source>
        <translation>Μηχανικός</translation>
    </message>
    <message>
        <source>Available now</source>
        <translation>Διαθέσιμος τώρα</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ναι</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ανοιχτά</translation>
    </message>
    <message>
        <source>&amp;Turn on anyway</source>
        <translation>&amp;Ενεργοποίηση παρ&apos; όλα αυτά</translation>
    </message>
    <message>
        <source>{0} tickets are waiting unassigned. Turning automatic assignment on hands them out now to whoever is available — possibly all to one engineer. Press “Turn on anyway” to go ahead, or untick Automatic.</source>
        <translation>{0} αιτήματα περιμένουν χωρίς ανάθεση. Με την αυτόματη ανάθεση μοιράζονται τώρα σε όποιον είναι διαθέσιμος — ίσως όλα σε έναν μηχανικό. Πατήστε «Ενεργοποίηση παρ&apos; όλα αυτά» για να συνεχίσετε ή αποεπιλέξτε το Αυτόματα.</translation>
    </message>
    <message>
        <source>on</source>
        <translation>ενεργή</translation>
    </message>
    <message>
        <source>off</source>
        <translation>ανενεργή</translation>
    </message>
    <message>
        <source>Saved: {0}, automatic assignment {1}.</source>
        <translation>Αποθηκεύτηκε: {0}, αυτόματη ανάθεση {1}.</translation>
    </message>
</context>
<context>
    <name>AtRiskModel</name>
    <message>
        <source>Ticket</source>
        <translation>Αίτημα</translation>
    </message>
    <message>
        <source>P</source>
        <translation>Π</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Πελάτης</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Θέμα</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Λήξη</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Υπεύθυνος</translation>
    </message>
</context>
<context>
    <name>AttachmentStrip</name>
    <message>
        <source>Files of this ticket</source>
        <translation>Αρχεία αυτού του αιτήματος</translation>
    </message>
    <message>
        <source>Open %1 (right-click to save a copy)</source>
        <translation>Άνοιγμα του %1 (δεξί κλικ για αποθήκευση αντιγράφου)</translation>
    </message>
    <message>
        <source>File %1</source>
        <translation>Αρχείο %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Άνοιγμα</translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation>Αποθήκευση αντιγράφου…</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Αποθήκευση αντιγράφου</translation>
    </message>
</context>
<context>
    <name>AttachmentTray</name>
    <message>
        <source>Attach files…</source>
        <translation>Επισύναψη αρχείων…</translation>
    </message>
    <message>
        <source>Attach files to the comment</source>
        <translation>Επισύναψη αρχείων στο σχόλιο</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Επισύναψη αρχείων</translation>
    </message>
    <message>
        <source>Remove %1 from the comment</source>
        <translation>Αφαίρεση του %1 από το σχόλιο</translation>
    </message>
    <message>
        <source>Attached file %1</source>
        <translation>Συνημμένο αρχείο %1</translation>
    </message>
    <message>
        <source>or drop files here, or paste an image</source>
        <translation>ή αφήστε αρχεία εδώ ή επικολλήστε μια εικόνα</translation>
    </message>
</context>
<context>
    <name>CalendarsTab</name>
    <message>
        <source>Calendars</source>
        <translation>Ημερολόγια</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Ημερολόγιο</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Ζώνη ώρας</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Ημέρες</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Ώρες</translation>
    </message>
    <message>
        <source>Holidays of</source>
        <translation>Αργίες της χώρας</translation>
    </message>
    <message>
        <source>Closures</source>
        <translation>Κλεισίματα</translation>
    </message>
    <message>
        <source>Closed days</source>
        <translation>Ημέρες κλειστά</translation>
    </message>
    <message>
        <source>Closed day</source>
        <translation>Ημέρα κλειστά</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Αιτία</translation>
    </message>
    <message>
        <source>New calendar</source>
        <translation>Νέο ημερολόγιο</translation>
    </message>
    <message>
        <source>C&amp;ode</source>
        <translation>&amp;Κωδικός</translation>
    </message>
    <message>
        <source>e.g. GR-OFFICE</source>
        <translation>π.χ. GR-OFFICE</translation>
    </message>
    <message>
        <source>Time &amp;zone</source>
        <translation>&amp;Ζώνη ώρας</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>Εργάσιμες ημέρες</translation>
    </message>
    <message>
        <source>Opens</source>
        <translation>Ανοίγει</translation>
    </message>
    <message>
        <source>Closes</source>
        <translation>Κλείνει</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>Ωράριο εργασίας</translation>
    </message>
    <message>
        <source>Holidays of &amp;country</source>
        <translation>Αργίες &amp;χώρας</translation>
    </message>
    <message>
        <source>two letters, e.g. GR; empty: none</source>
        <translation>δύο γράμματα, π.χ. GR· κενό: καμία</translation>
    </message>
    <message>
        <source>extra closed days: 2026-12-24, 2026-12-31</source>
        <translation>επιπλέον ημέρες κλειστά: 2026-12-24, 2026-12-31</translation>
    </message>
    <message>
        <source>&amp;Add calendar</source>
        <translation>&amp;Προσθήκη ημερολογίου</translation>
    </message>
    <message>
        <source>When would a ticket opened now be due?</source>
        <translation>Πότε θα έληγε ένα αίτημα που ανοίγει τώρα;</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Πελάτης</translation>
    </message>
    <message>
        <source>Criticality</source>
        <translation>Κρισιμότητα</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Υπηρεσία</translation>
    </message>
    <message>
        <source>Ca&amp;lculate</source>
        <translation>&amp;Υπολογισμός</translation>
    </message>
    <message>
        <source>Write closures as dates like 2026-12-24, separated by commas.</source>
        <translation>Γράψτε τα κλεισίματα ως ημερομηνίες όπως 2026-12-24, χωρισμένες με κόμματα.</translation>
    </message>
    <message>
        <source>Tick at least one working day.</source>
        <translation>Επιλέξτε τουλάχιστον μία εργάσιμη ημέρα.</translation>
    </message>
    <message>
        <source>Added calendar {0}.</source>
        <translation>Προστέθηκε το ημερολόγιο {0}.</translation>
    </message>
    <message>
        <source>Add a customer with a contract first.</source>
        <translation>Προσθέστε πρώτα έναν πελάτη με συμβόλαιο.</translation>
    </message>
    <message>
        <source>{0}, tier {1}: P{2}, {3}.
First response by {4}
Resolution by {5}</source>
        <translation>{0}, βαθμίδα {1}: P{2}, {3}.
Πρώτη απάντηση έως {4}
Επίλυση έως {5}</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>Cancel {number}</source>
        <translation>Ακύρωση {number}</translation>
    </message>
    <message>
        <source>Cancel ticket</source>
        <translation>Ακύρωση αιτήματος</translation>
    </message>
    <message>
        <source>Keep ticket</source>
        <translation>Διατήρηση αιτήματος</translation>
    </message>
    <message>
        <source>Cancelling is final: the ticket cannot be reopened.</source>
        <translation>Η ακύρωση είναι οριστική: το αίτημα δεν μπορεί να ανοίξει ξανά.</translation>
    </message>
    <message>
        <source>Reason for cancelling</source>
        <translation>Αιτία ακύρωσης</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Αιτία</translation>
    </message>
</context>
<context>
    <name>CannedReplyButton</name>
    <message>
        <source>Canned reply</source>
        <translation>Έτοιμη απάντηση</translation>
    </message>
    <message>
        <source>Insert a canned reply</source>
        <translation>Εισαγωγή έτοιμης απάντησης</translation>
    </message>
    <message>
        <source>No canned replies yet (managers add them)</source>
        <translation>Δεν υπάρχουν ακόμη έτοιμες απαντήσεις (τις προσθέτουν οι διευθυντές)</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Export queue</source>
        <translation>Εξαγωγή ουράς</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Αρχεία CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1 tickets to %2</source>
        <translation>Εξήχθησαν %1 αιτήματα στο %2</translation>
    </message>
</context>
<context>
    <name>CompanySection</name>
    <message>
        <source>Company</source>
        <translation>Εταιρεία</translation>
    </message>
    <message>
        <source>On reports</source>
        <translation>Στις αναφορές</translation>
    </message>
    <message>
        <source>Company &amp;name</source>
        <translation>&amp;Επωνυμία εταιρείας</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Λογότυπο</translation>
    </message>
    <message>
        <source>&amp;Choose logo…</source>
        <translation>&amp;Επιλογή λογότυπου…</translation>
    </message>
    <message>
        <source>&amp;Remove logo</source>
        <translation>Α&amp;φαίρεση λογότυπου</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Αποθήκευση</translation>
    </message>
    <message>
        <source>no logo</source>
        <translation>χωρίς λογότυπο</translation>
    </message>
    <message>
        <source>Company logo</source>
        <translation>Λογότυπο εταιρείας</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Εικόνες (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>{0} is {1} KB; a logo may be up to {2} KB.</source>
        <translation>Το {0} είναι {1} KB· ένα λογότυπο μπορεί να είναι έως {2} KB.</translation>
    </message>
    <message>
        <source>Cannot read {0}: {1}</source>
        <translation>Δεν είναι δυνατή η ανάγνωση του {0}: {1}</translation>
    </message>
    <message>
        <source>Press Save to keep it.</source>
        <translation>Πατήστε Αποθήκευση για να το κρατήσετε.</translation>
    </message>
    <message>
        <source>Press Save to remove it.</source>
        <translation>Πατήστε Αποθήκευση για να το αφαιρέσετε.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Αποθηκεύτηκε.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Comment</source>
        <translation>Σχόλιο</translation>
    </message>
    <message>
        <source>Write a comment… (Ctrl+Enter to send)</source>
        <translation>Γράψτε ένα σχόλιο… (Ctrl+Enter για αποστολή)</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Εσωτερική σημείωση</translation>
    </message>
    <message>
        <source>Internal note, not for the customer</source>
        <translation>Εσωτερική σημείωση, όχι για τον πελάτη</translation>
    </message>
    <message>
        <source>Minutes spent</source>
        <translation>Λεπτά εργασίας</translation>
    </message>
    <message>
        <source>Who will read this</source>
        <translation>Ποιος θα το διαβάσει</translation>
    </message>
    <message>
        <source>Send comment</source>
        <translation>Αποστολή σχολίου</translation>
    </message>
    <message>
        <source>Time spent</source>
        <translation>Χρόνος εργασίας</translation>
    </message>
    <message>
        <source> min</source>
        <translation> λεπτά</translation>
    </message>
    <message>
        <source>Draft restored</source>
        <translation>Το πρόχειρο επανήλθε</translation>
    </message>
    <message>
        <source>Internal note: only staff see it; nobody is e-mailed.</source>
        <translation>Εσωτερική σημείωση: τη βλέπει μόνο το προσωπικό· δεν στέλνεται e-mail.</translation>
    </message>
    <message>
        <source>Add internal note</source>
        <translation>Προσθήκη εσωτερικής σημείωσης</translation>
    </message>
    <message>
        <source>Public: e-mailed to %1</source>
        <translation>Δημόσιο: στέλνεται με e-mail στον/στην %1</translation>
    </message>
    <message>
        <source>Send to customer</source>
        <translation>Αποστολή στον πελάτη</translation>
    </message>
    <message>
        <source>Public: shown in the history; no contact e-mail, nobody is e-mailed.</source>
        <translation>Δημόσιο: εμφανίζεται στο ιστορικό· χωρίς e-mail επαφής, δεν στέλνεται e-mail.</translation>
    </message>
    <message>
        <source>Add public comment</source>
        <translation>Προσθήκη δημόσιου σχολίου</translation>
    </message>
    <message>
        <source>Write something first.</source>
        <translation>Γράψτε πρώτα κάτι.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Αποστολή…</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Εστάλη</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Your version and theirs</source>
        <translation>Η δική σας έκδοση και η δική τους</translation>
    </message>
    <message>
        <source>Discard mine, keep theirs</source>
        <translation>Απόρριψη της δικής μου, διατήρηση της δικής τους</translation>
    </message>
    <message>
        <source>Apply mine on top of theirs</source>
        <translation>Εφαρμογή της δικής μου πάνω στη δική τους</translation>
    </message>
</context>
<context>
    <name>ContractsSection</name>
    <message>
        <source>Contracts and SLA</source>
        <translation>Συμβόλαια και SLA</translation>
    </message>
    <message>
        <source>C&amp;ontracts</source>
        <translation>&amp;Συμβόλαια</translation>
    </message>
    <message>
        <source>&amp;Targets</source>
        <translation>&amp;Στόχοι</translation>
    </message>
    <message>
        <source>Ca&amp;lendars</source>
        <translation>&amp;Ημερολόγια</translation>
    </message>
</context>
<context>
    <name>ContractsTab</name>
    <message>
        <source>Contracts</source>
        <translation>Συμβόλαια</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Συμβόλαιο</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Πελάτης</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Βαθμίδα</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Από</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Έως</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Ημερολόγιο</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Υπηρεσίες</translation>
    </message>
    <message>
        <source>New contract</source>
        <translation>Νέο συμβόλαιο</translation>
    </message>
    <message>
        <source>C&amp;ustomer</source>
        <translation>&amp;Πελάτης</translation>
    </message>
    <message>
        <source>&amp;Tier</source>
        <translation>&amp;Βαθμίδα</translation>
    </message>
    <message>
        <source>Ca&amp;lendar</source>
        <translation>&amp;Ημερολόγιο</translation>
    </message>
    <message>
        <source>Valid &amp;from</source>
        <translation>Ισχύει &amp;από</translation>
    </message>
    <message>
        <source>&amp;Open-ended</source>
        <translation>&amp;Αορίστου χρόνου</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>Ισχύει έως</translation>
    </message>
    <message>
        <source>&amp;Add contract</source>
        <translation>&amp;Προσθήκη συμβολαίου</translation>
    </message>
    <message>
        <source>Set &amp;end of selected</source>
        <translation>Ορισμός &amp;λήξης του επιλεγμένου</translation>
    </message>
    <message>
        <source>Add the customer first (Customers section).</source>
        <translation>Προσθέστε πρώτα τον πελάτη (ενότητα Πελάτες).</translation>
    </message>
    <message>
        <source>Add a business calendar first (Calendars tab).</source>
        <translation>Προσθέστε πρώτα ένα ημερολόγιο εργασίας (καρτέλα Ημερολόγια).</translation>
    </message>
    <message>
        <source>Tick at least one covered service.</source>
        <translation>Επιλέξτε τουλάχιστον μία καλυπτόμενη υπηρεσία.</translation>
    </message>
    <message>
        <source>open-ended</source>
        <translation>αορίστου χρόνου</translation>
    </message>
    <message>
        <source>{0}: {1}.</source>
        <translation>{0}: {1}.</translation>
    </message>
    <message>
        <source>Added contract {0}.</source>
        <translation>Προστέθηκε το συμβόλαιο {0}.</translation>
    </message>
</context>
<context>
    <name>CustomerAnswerDialog</name>
    <message>
        <source>Customer approval of {number}</source>
        <translation>Έγκριση του πελάτη για το {number}</translation>
    </message>
    <message>
        <source>Customer rejection of {number}</source>
        <translation>Απόρριψη του πελάτη για το {number}</translation>
    </message>
    <message>
        <source>Record approval</source>
        <translation>Καταχώριση έγκρισης</translation>
    </message>
    <message>
        <source>Record rejection</source>
        <translation>Καταχώριση απόρριψης</translation>
    </message>
    <message>
        <source>Customer contact</source>
        <translation>Επαφή πελάτη</translation>
    </message>
    <message>
        <source>How the customer answered</source>
        <translation>Πώς απάντησε ο πελάτης</translation>
    </message>
    <message>
        <source>When the customer answered</source>
        <translation>Πότε απάντησε ο πελάτης</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Σημείωση</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Αιτία</translation>
    </message>
    <message>
        <source>Optional note</source>
        <translation>Προαιρετική σημείωση</translation>
    </message>
    <message>
        <source>Why did the customer reject the resolution?</source>
        <translation>Γιατί απέρριψε ο πελάτης την επίλυση;</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Επαφή</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Πώς</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Πότε</translation>
    </message>
    <message>
        <source>This customer has no contacts; add one first.</source>
        <translation>Αυτός ο πελάτης δεν έχει επαφές· προσθέστε πρώτα μία.</translation>
    </message>
    <message>
        <source>Say why the customer rejected the resolution.</source>
        <translation>Πείτε γιατί ο πελάτης απέρριψε την επίλυση.</translation>
    </message>
</context>
<context>
    <name>CustomerReplyDialog</name>
    <message>
        <source>Customer replied: %1</source>
        <translation>Απάντηση πελάτη: %1</translation>
    </message>
    <message>
        <source>Record reply</source>
        <translation>Καταγραφή απάντησης</translation>
    </message>
    <message>
        <source>Customer contact</source>
        <translation>Επαφή πελάτη</translation>
    </message>
    <message>
        <source>How the customer replied</source>
        <translation>Πώς απάντησε ο πελάτης</translation>
    </message>
    <message>
        <source>The customer&apos;s reply</source>
        <translation>Η απάντηση του πελάτη</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Επαφή</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Τρόπος</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Απάντηση</translation>
    </message>
    <message>
        <source>Write down what the customer replied.</source>
        <translation>Γράψτε τι απάντησε ο πελάτης.</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>All</source>
        <translation>Όλα</translation>
    </message>
    <message>
        <source>Choose the customers</source>
        <translation>Επιλογή πελατών</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Πελάτης</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Όνομα</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Βαθμίδα</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Δοκιμαστικό</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Παραγωγή</translation>
    </message>
    <message>
        <source>This release</source>
        <translation>Αυτή η έκδοση</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Πελάτες</translation>
    </message>
    <message>
        <source>Only customers not yet on this version in production</source>
        <translation>Μόνο πελάτες που δεν έχουν ακόμη αυτή την έκδοση στην παραγωγή</translation>
    </message>
    <message>
        <source>Tier filter</source>
        <translation>Φίλτρο βαθμίδας</translation>
    </message>
    <message>
        <source>Current production version filter</source>
        <translation>Φίλτρο τρέχουσας έκδοσης παραγωγής</translation>
    </message>
    <message>
        <source>Search customers</source>
        <translation>Αναζήτηση πελατών</translation>
    </message>
    <message>
        <source>Select &amp;all shown</source>
        <translation>Επιλογή ό&amp;λων όσων φαίνονται</translation>
    </message>
    <message>
        <source>Select &amp;none</source>
        <translation>Καμία επι&amp;λογή</translation>
    </message>
    <message>
        <source>Who gets {product} {version}?</source>
        <translation>Ποιοι παίρνουν το {product} {version};</translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n επιλεγμένος</numerusform>
            <numerusform>%n επιλεγμένοι</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomersSection</name>
    <message>
        <source>Customers</source>
        <translation>Πελάτες</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Κωδικός</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Όνομα</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Επαφές</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Γλώσσα</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Νέος πελάτης</translation>
    </message>
    <message>
        <source>C&amp;ode</source>
        <translation>&amp;Κωδικός</translation>
    </message>
    <message>
        <source>e.g. ACME</source>
        <translation>π.χ. ACME</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>Ό&amp;νομα</translation>
    </message>
    <message>
        <source>&amp;Add customer</source>
        <translation>&amp;Προσθήκη πελάτη</translation>
    </message>
    <message>
        <source>Rena&amp;me selected</source>
        <translation>Μετο&amp;νομασία επιλεγμένου</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Γλώσσα</translation>
    </message>
    <message>
        <source>The language of the e-mails and PDF reports it gets</source>
        <translation>Η γλώσσα των e-mail και των αναφορών PDF που λαμβάνει</translation>
    </message>
    <message>
        <source>Set lan&amp;guage</source>
        <translation>Ορισμός γλώ&amp;σσας</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Επαφή</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Τηλέφωνο</translation>
    </message>
    <message>
        <source>Verifies releases</source>
        <translation>Επιβεβαιώνει εκδόσεις</translation>
    </message>
    <message>
        <source>Approves</source>
        <translation>Εγκρίνει</translation>
    </message>
    <message>
        <source>New contact of the selected customer</source>
        <translation>Νέα επαφή του επιλεγμένου πελάτη</translation>
    </message>
    <message>
        <source>Contact na&amp;me</source>
        <translation>Ό&amp;νομα επαφής</translation>
    </message>
    <message>
        <source>E-&amp;mail</source>
        <translation>E-&amp;mail</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>&amp;Τηλέφωνο</translation>
    </message>
    <message>
        <source>&amp;Receives test releases and verifies them</source>
        <translation>&amp;Λαμβάνει δοκιμαστικές εκδόσεις και τις επιβεβαιώνει</translation>
    </message>
    <message>
        <source>Approves resolutions</source>
        <translation>Εγκρίνει επιλύσεις</translation>
    </message>
    <message>
        <source>Appro&amp;ves resolved tickets for the customer</source>
        <translation>Ε&amp;γκρίνει επιλυμένα αιτήματα για τον πελάτη</translation>
    </message>
    <message>
        <source>Add &amp;contact</source>
        <translation>Προσθήκη &amp;επαφής</translation>
    </message>
    <message>
        <source>&amp;Save selected contact</source>
        <translation>&amp;Αποθήκευση επιλεγμένης επαφής</translation>
    </message>
    <message>
        <source>Con&amp;tacts</source>
        <translation>Επα&amp;φές</translation>
    </message>
    <message>
        <source>En&amp;vironments</source>
        <translation>Περι&amp;βάλλοντα</translation>
    </message>
    <message>
        <source>New contact of {0}</source>
        <translation>Νέα επαφή του {0}</translation>
    </message>
    <message>
        <source>New contact (choose a customer first)</source>
        <translation>Νέα επαφή (επιλέξτε πρώτα πελάτη)</translation>
    </message>
    <message>
        <source>This is not an e-mail address.</source>
        <translation>Αυτή δεν είναι διεύθυνση e-mail.</translation>
    </message>
    <message>
        <source>Added {0}.</source>
        <translation>Προστέθηκε: {0}.</translation>
    </message>
    <message>
        <source>{0} is now {1}.</source>
        <translation>Το {0} είναι τώρα {1}.</translation>
    </message>
    <message>
        <source>{0} gets e-mails and reports in {1}.</source>
        <translation>Ο πελάτης {0} λαμβάνει e-mail και αναφορές στα {1}.</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>Αποθηκεύτηκε: {0}.</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Dashboard</source>
        <translation>Πίνακας ελέγχου</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Φόρτωση…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Ανανέωση</translation>
    </message>
    <message>
        <source>Open all at risk</source>
        <translation>Άνοιγμα όλων σε κίνδυνο</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tickets at risk now&lt;/b&gt; (double-click to open)</source>
        <translation>&lt;b&gt;Αιτήματα σε κίνδυνο τώρα&lt;/b&gt; (διπλό κλικ για άνοιγμα)</translation>
    </message>
    <message>
        <source>{backlog} open tickets, {risk} at risk or breached · updated {when}</source>
        <translation>{backlog} ανοιχτά αιτήματα, {risk} σε κίνδυνο ή εκπρόθεσμα · ενημέρωση {when}</translation>
    </message>
    <message>
        <source>SLA met, per week (%)</source>
        <translation>Τήρηση SLA ανά εβδομάδα (%)</translation>
    </message>
    <message>
        <source>SLA met</source>
        <translation>Τήρηση SLA</translation>
    </message>
    <message>
        <source>Backlog by priority and age</source>
        <translation>Εκκρεμότητες κατά προτεραιότητα και ηλικία</translation>
    </message>
    <message>
        <source>Open tickets</source>
        <translation>Ανοιχτά αιτήματα</translation>
    </message>
    <message>
        <source>Open tickets per engineer</source>
        <translation>Ανοιχτά αιτήματα ανά μηχανικό</translation>
    </message>
    <message>
        <source>Period report</source>
        <translation>Αναφορά περιόδου</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>Όλοι οι πελάτες</translation>
    </message>
    <message>
        <source>File format</source>
        <translation>Μορφή αρχείου</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Εξαγωγή…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ακύρωση</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Πελάτης</translation>
    </message>
    <message>
        <source>from</source>
        <translation>από</translation>
    </message>
    <message>
        <source>to</source>
        <translation>έως</translation>
    </message>
    <message>
        <source>Save the period report</source>
        <translation>Αποθήκευση της αναφοράς περιόδου</translation>
    </message>
    <message>
        <source>Period report saved to {path}</source>
        <translation>Η αναφορά περιόδου αποθηκεύτηκε στο {path}</translation>
    </message>
    <message>
        <source>The period report was cancelled.</source>
        <translation>Η αναφορά περιόδου ακυρώθηκε.</translation>
    </message>
</context>
<context>
    <name>EngineersTab</name>
    <message>
        <source>Engineers</source>
        <translation>Μηχανικοί</translation>
    </message>
    <message>
        <source>Engineer</source>
        <translation>Μηχανικός</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Κατάσταση</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Τώρα</translation>
    </message>
    <message>
        <source>available</source>
        <translation>διαθέσιμος</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ανοιχτά</translation>
    </message>
    <message>
        <source>Cap</source>
        <translation>Όριο</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>Δεξιότητες</translation>
    </message>
    <message>
        <source>all</source>
        <translation>όλα</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Ζώνη ώρας</translation>
    </message>
    <message>
        <source>Availability, schedule, skills</source>
        <translation>Διαθεσιμότητα, πρόγραμμα, δεξιότητες</translation>
    </message>
    <message>
        <source>&amp;State</source>
        <translation>&amp;Κατάσταση</translation>
    </message>
    <message>
        <source>&amp;Time zone</source>
        <translation>&amp;Ζώνη ώρας</translation>
    </message>
    <message>
        <source>&amp;Cap (open tickets)</source>
        <translation>Ό&amp;ριο (ανοιχτά αιτήματα)</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>χωρίς όριο</translation>
    </message>
    <message>
        <source>S&amp;kills (products)</source>
        <translation>&amp;Δεξιότητες (προϊόντα)</translation>
    </message>
    <message>
        <source>Weekly schedule</source>
        <translation>Εβδομαδιαίο πρόγραμμα</translation>
    </message>
    <message>
        <source>Week (own time zone)</source>
        <translation>Εβδομάδα (δική του ζώνη ώρας)</translation>
    </message>
    <message>
        <source>Mon–Fri 09–17</source>
        <translation>Δευ–Παρ 09–17</translation>
    </message>
    <message>
        <source>Around the clock</source>
        <translation>Όλο το 24ωρο</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Καθαρισμός</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>Συμπλήρωση</translation>
    </message>
    <message>
        <source>An empty week means always on duty.</source>
        <translation>Κενή εβδομάδα σημαίνει πάντα σε υπηρεσία.</translation>
    </message>
    <message>
        <source>&amp;Save engineer</source>
        <translation>&amp;Αποθήκευση μηχανικού</translation>
    </message>
    <message>
        <source> {0} received {1}.</source>
        <translation> Ο/Η {0} έλαβε {1}.</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>Αποθηκεύτηκε: {0}.</translation>
    </message>
</context>
<context>
    <name>EnvironmentsTab</name>
    <message>
        <source>Environments</source>
        <translation>Περιβάλλοντα</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Προϊόν</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Δοκιμαστικό</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Παραγωγή</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Κατάσταση</translation>
    </message>
    <message>
        <source>Already installed (when tracking starts)</source>
        <translation>Ήδη εγκατεστημένη (κατά την έναρξη παρακολούθησης)</translation>
    </message>
    <message>
        <source>P&amp;roduct</source>
        <translation>Προ&amp;ϊόν</translation>
    </message>
    <message>
        <source>En&amp;vironment</source>
        <translation>Περι&amp;βάλλον</translation>
    </message>
    <message>
        <source>Vers&amp;ion</source>
        <translation>Έκ&amp;δοση</translation>
    </message>
    <message>
        <source>Reas&amp;on</source>
        <translation>Αι&amp;τία</translation>
    </message>
    <message>
        <source>e.g. installed before SupportDesk</source>
        <translation>π.χ. εγκαταστάθηκε πριν από το SupportDesk</translation>
    </message>
    <message>
        <source>Record &amp;installed</source>
        <translation>Καταγραφή &amp;εγκατάστασης</translation>
    </message>
    <message>
        <source>Recorded {0} {1}.</source>
        <translation>Καταγράφηκε: {0} {1}.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to SupportDesk</source>
        <translation>Καλώς ήρθατε στο SupportDesk</translation>
    </message>
    <message>
        <source>This database is empty. Create the administrator account to start, or load demo data to look around.</source>
        <translation>Η βάση δεδομένων είναι κενή. Δημιουργήστε τον λογαριασμό διαχειριστή για να ξεκινήσετε ή φορτώστε δεδομένα επίδειξης για να δείτε την εφαρμογή.</translation>
    </message>
    <message>
        <source>Create the administrator account</source>
        <translation>Δημιουργία λογαριασμού διαχειριστή</translation>
    </message>
    <message>
        <source>Load demo data (log in as admin, mia, cara or eli; password {password})</source>
        <translation>Φόρτωση δεδομένων επίδειξης (σύνδεση ως admin, mia, cara ή eli· κωδικός {password})</translation>
    </message>
    <message>
        <source>Administrator user name</source>
        <translation>Όνομα χρήστη διαχειριστή</translation>
    </message>
    <message>
        <source>Administrator password</source>
        <translation>Κωδικός διαχειριστή</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>Επανάληψη του κωδικού</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Όνομα χρήστη</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Κωδικός</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Επανάληψη</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Συνέχεια</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Οι δύο κωδικοί διαφέρουν.</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <source>Problem</source>
        <translation>Πρόβλημα</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>Βο&amp;ήθεια</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Συντομεύσεις &amp;πληκτρολογίου</translation>
    </message>
    <message>
        <source>&amp;About SupportDesk</source>
        <translation>&amp;Σχετικά με το SupportDesk</translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message>
        <source>All events</source>
        <translation>Όλα τα συμβάντα</translation>
    </message>
    <message>
        <source>Comments and work</source>
        <translation>Σχόλια και εργασία</translation>
    </message>
    <message>
        <source>Status and assignment</source>
        <translation>Κατάσταση και ανάθεση</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Πελάτης</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Επίλυση</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Ιστορικό</translation>
    </message>
    <message>
        <source>Total time logged</source>
        <translation>Συνολικός χρόνος εργασίας</translation>
    </message>
    <message>
        <source>Show events of kind</source>
        <translation>Εμφάνιση γεγονότων του είδους</translation>
    </message>
    <message>
        <source>Ticket history</source>
        <translation>Ιστορικό αιτήματος</translation>
    </message>
    <message>
        <source>0 min</source>
        <translation>0 λεπτά</translation>
    </message>
    <message>
        <source>Total time {spent}</source>
        <translation>Συνολικός χρόνος {spent}</translation>
    </message>
</context>
<context>
    <name>HistoryText</name>
    <message>
        <source>opened the ticket</source>
        <translation>άνοιξε το αίτημα</translation>
    </message>
    <message>
        <source>changed the status</source>
        <translation>άλλαξε την κατάσταση</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>ανέθεσε</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>επεξεργάστηκε</translation>
    </message>
    <message>
        <source>commented</source>
        <translation>σχολίασε</translation>
    </message>
    <message>
        <source>logged work</source>
        <translation>κατέγραψε εργασία</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>επέλυσε</translation>
    </message>
    <message>
        <source>recorded the customer&apos;s approval</source>
        <translation>κατέγραψε την έγκριση του πελάτη</translation>
    </message>
    <message>
        <source>recorded the customer&apos;s rejection</source>
        <translation>κατέγραψε την απόρριψη του πελάτη</translation>
    </message>
    <message>
        <source>recorded the customer&apos;s reply</source>
        <translation>κατέγραψε την απάντηση του πελάτη</translation>
    </message>
    <message>
        <source>cancelled the ticket</source>
        <translation>ακύρωσε το αίτημα</translation>
    </message>
    <message>
        <source>recorded a monitoring alert</source>
        <translation>κατέγραψε ειδοποίηση παρακολούθησης</translation>
    </message>
    <message>
        <source>recorded an outage</source>
        <translation>κατέγραψε διακοπή λειτουργίας</translation>
    </message>
    <message>
        <source>SLA escalation: {state}</source>
        <translation>Κλιμάκωση SLA: {state}</translation>
    </message>
    <message>
        <source>edited {field}</source>
        <translation>επεξεργάστηκε: {field}</translation>
    </message>
    <message>
        <source>{actor} took the ticket</source>
        <translation>{actor}: ανέλαβε το αίτημα</translation>
    </message>
    <message>
        <source>{actor} assigned it to {to} (was {was})</source>
        <translation>{actor}: ανάθεση σε {to} (πριν: {was})</translation>
    </message>
    <message>
        <source>{actor} assigned it to {to}</source>
        <translation>{actor}: ανάθεση σε {to}</translation>
    </message>
    <message>
        <source>Problem: {text}</source>
        <translation>Πρόβλημα: {text}</translation>
    </message>
    <message>
        <source>Solution: {text}</source>
        <translation>Λύση: {text}</translation>
    </message>
    <message>
        <source>{contact} by {channel}</source>
        <translation>{contact}, μέσω: {channel}</translation>
    </message>
    <message>
        <source>{measure} {state}: due {time}</source>
        <translation>{measure} {state}: προθεσμία {time}</translation>
    </message>
    <message>
        <source>Files: {names}</source>
        <translation>Αρχεία: {names}</translation>
    </message>
    <message>
        <source>internal</source>
        <translation>εσωτερικό</translation>
    </message>
</context>
<context>
    <name>Housekeeping</name>
    <message>
        <source>Mail not fetched: %1</source>
        <translation>Η αλληλογραφία δεν ανακτήθηκε: %1</translation>
    </message>
</context>
<context>
    <name>InstallPage</name>
    <message>
        <source>Install on test</source>
        <translation>Εγκατάσταση στο δοκιμαστικό</translation>
    </message>
    <message>
        <source>Install on production</source>
        <translation>Εγκατάσταση στην παραγωγή</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Πελάτης</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Κατάσταση</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Αποτέλεσμα</translation>
    </message>
    <message>
        <source>Customers to install on test</source>
        <translation>Πελάτες για εγκατάσταση στο δοκιμαστικό</translation>
    </message>
    <message>
        <source>Customers to install on production</source>
        <translation>Πελάτες για εγκατάσταση στην παραγωγή</translation>
    </message>
    <message>
        <source>Installed at</source>
        <translation>Ώρα εγκατάστασης</translation>
    </message>
    <message>
        <source>Installation notes</source>
        <translation>Σημειώσεις εγκατάστασης</translation>
    </message>
    <message>
        <source>only for a downgrade or a withdrawn release</source>
        <translation>μόνο για υποβάθμιση ή για έκδοση που αποσύρθηκε</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Αιτία</translation>
    </message>
    <message>
        <source>E-mail the customers&apos; verifying contacts now</source>
        <translation>Αποστολή e-mail τώρα στις επαφές επιβεβαίωσης των πελατών</translation>
    </message>
    <message>
        <source>&amp;Install on test</source>
        <translation>&amp;Εγκατάσταση στο δοκιμαστικό</translation>
    </message>
    <message>
        <source>&amp;Install on production</source>
        <translation>&amp;Εγκατάσταση στην παραγωγή</translation>
    </message>
    <message>
        <source>Cancel run</source>
        <translation>Διακοπή εκτέλεσης</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Πρόοδος</translation>
    </message>
    <message>
        <source>Installed &amp;at</source>
        <translation>&amp;Ώρα εγκατάστασης</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>&amp;Σημειώσεις</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>Αι&amp;τία</translation>
    </message>
    <message>
        <source>Checking where each customer stands…</source>
        <translation>Έλεγχος του σημείου όπου βρίσκεται κάθε πελάτης…</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>δεν ξεκίνησε</translation>
    </message>
    <message>
        <source>to do</source>
        <translation>προς εκτέλεση</translation>
    </message>
    <message>
        <source>not at this step</source>
        <translation>όχι σε αυτό το βήμα</translation>
    </message>
    <message numerus="yes">
        <source>{count} of %n selected customer(s) are at this step.</source>
        <translation>
            <numerusform>{count} από %n επιλεγμένο πελάτη είναι σε αυτό το βήμα.</numerusform>
            <numerusform>{count} από %n επιλεγμένους πελάτες είναι σε αυτό το βήμα.</numerusform>
        </translation>
    </message>
    <message>
        <source>No selected customer is at this step: go on.</source>
        <translation>Κανένας επιλεγμένος πελάτης δεν είναι σε αυτό το βήμα: συνεχίστε.</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Σε εξέλιξη…</translation>
    </message>
    <message>
        <source>{done} of {total}: {customer}</source>
        <translation>{done} από {total}: {customer}</translation>
    </message>
    <message>
        <source>failed: {why}</source>
        <translation>απέτυχε: {why}</translation>
    </message>
    <message>
        <source>Done: {ok} installed on test, {failed} failed</source>
        <translation>Ολοκληρώθηκε: {ok} εγκαταστάσεις στο δοκιμαστικό, {failed} αποτυχίες</translation>
    </message>
    <message>
        <source>Done: {ok} installed on production, {failed} failed</source>
        <translation>Ολοκληρώθηκε: {ok} εγκαταστάσεις στην παραγωγή, {failed} αποτυχίες</translation>
    </message>
    <message>
        <source>, {skipped} not attempted (cancelled)</source>
        <translation>, {skipped} δεν επιχειρήθηκαν (ακύρωση)</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Γλώσσα</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Όπως το σύστημα</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Γλώσσα</translation>
    </message>
    <message>
        <source>SupportDesk will use the new language from its next start.</source>
        <translation>Το SupportDesk θα χρησιμοποιεί τη νέα γλώσσα από την επόμενη εκκίνηση.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to SupportDesk</source>
        <translation>Σύνδεση στο SupportDesk</translation>
    </message>
    <message>
        <source>Embedded database on this computer</source>
        <translation>Ενσωματωμένη βάση σε αυτόν τον υπολογιστή</translation>
    </message>
    <message>
        <source>PostgreSQL server</source>
        <translation>Διακομιστής PostgreSQL</translation>
    </message>
    <message>
        <source>Connection type</source>
        <translation>Τύπος σύνδεσης</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Όνομα χρήστη</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Κωδικός</translation>
    </message>
    <message>
        <source>Remember password in the system keyring</source>
        <translation>Απομνημόνευση κωδικού στη θυρίδα κλειδιών του συστήματος</translation>
    </message>
    <message>
        <source>No system keyring is available; passwords are never stored in plain text.</source>
        <translation>Δεν υπάρχει θυρίδα κλειδιών συστήματος· οι κωδικοί δεν αποθηκεύονται ποτέ ως απλό κείμενο.</translation>
    </message>
    <message>
        <source>Login problem</source>
        <translation>Πρόβλημα σύνδεσης</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Σύνδεση</translation>
    </message>
    <message>
        <source>Connect to</source>
        <translation>Σύνδεση με</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Αρχείο βάσης δεδομένων</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Αναζήτηση…</translation>
    </message>
    <message>
        <source>Server host</source>
        <translation>Διακομιστής</translation>
    </message>
    <message>
        <source>Server port</source>
        <translation>Θύρα διακομιστή</translation>
    </message>
    <message>
        <source>Database name</source>
        <translation>Όνομα βάσης δεδομένων</translation>
    </message>
    <message>
        <source>Database user</source>
        <translation>Χρήστης βάσης δεδομένων</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>Κωδικός βάσης δεδομένων</translation>
    </message>
    <message>
        <source>TLS mode</source>
        <translation>Λειτουργία TLS</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Διακομιστής</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Θύρα</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Βάση δεδομένων</translation>
    </message>
    <message>
        <source>SupportDesk database (*.db)</source>
        <translation>Βάση δεδομένων SupportDesk (*.db)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Σύνδεση…</translation>
    </message>
    <message>
        <source>The database is still empty: create the administrator to start.</source>
        <translation>Η βάση δεδομένων είναι ακόμη κενή: δημιουργήστε τον διαχειριστή για να ξεκινήσετε.</translation>
    </message>
    <message>
        <source>Loading demo data…</source>
        <translation>Φόρτωση δεδομένων επίδειξης…</translation>
    </message>
    <message>
        <source>Creating the administrator…</source>
        <translation>Δημιουργία διαχειριστή…</translation>
    </message>
</context>
<context>
    <name>MailSection</name>
    <message>
        <source>Mail</source>
        <translation>Αλληλογραφία</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Διακομιστής</translation>
    </message>
    <message>
        <source>&amp;Templates</source>
        <translation>&amp;Πρότυπα</translation>
    </message>
    <message>
        <source>&amp;Outbox</source>
        <translation>&amp;Εξερχόμενα</translation>
    </message>
    <message>
        <source>SMTP server every desk sends through</source>
        <translation>Διακομιστής SMTP μέσω του οποίου στέλνουν όλοι</translation>
    </message>
    <message>
        <source>&amp;Host</source>
        <translation>&amp;Διακομιστής</translation>
    </message>
    <message>
        <source>&amp;Port</source>
        <translation>&amp;Θύρα</translation>
    </message>
    <message>
        <source>S&amp;ecurity</source>
        <translation>&amp;Ασφάλεια</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>Όνομα &amp;χρήστη</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>&amp;Κωδικός</translation>
    </message>
    <message>
        <source>kept in this computer&apos;s keyring</source>
        <translation>φυλάσσεται στη θυρίδα κλειδιών αυτού του υπολογιστή</translation>
    </message>
    <message>
        <source>Se&amp;nder</source>
        <translation>Απο&amp;στολέας</translation>
    </message>
    <message>
        <source>&amp;Save server</source>
        <translation>&amp;Αποθήκευση διακομιστή</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Δοκιμή</translation>
    </message>
    <message>
        <source>Send a test e-mail &amp;to</source>
        <translation>Αποστολή δοκιμαστικού e-mail &amp;σε</translation>
    </message>
    <message>
        <source>Send test e-&amp;mail</source>
        <translation>Αποστολή δοκιμαστικού e-&amp;mail</translation>
    </message>
    <message>
        <source> The password is in this computer&apos;s keyring.</source>
        <translation> Ο κωδικός βρίσκεται στη θυρίδα κλειδιών αυτού του υπολογιστή.</translation>
    </message>
    <message>
        <source> No keyring on this computer: the password was not kept; the mail job reads SUPPORTDESK_SMTP_PASSWORD.</source>
        <translation> Δεν υπάρχει θυρίδα κλειδιών σε αυτόν τον υπολογιστή: ο κωδικός δεν φυλάχτηκε· η αποστολή αλληλογραφίας διαβάζει το SUPPORTDESK_SMTP_PASSWORD.</translation>
    </message>
    <message>
        <source>Saved {0}:{1}.</source>
        <translation>Αποθηκεύτηκε {0}:{1}.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Αποστολή…</translation>
    </message>
    <message>
        <source>Test e-mail {0}.</source>
        <translation>Δοκιμαστικό e-mail: {0}.</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Πρότυπα</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Πρότυπο</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Θέμα</translation>
    </message>
    <message>
        <source>Template (placeholders: $number, $customer …)</source>
        <translation>Πρότυπο (πεδία: $number, $customer …)</translation>
    </message>
    <message>
        <source>S&amp;ubject</source>
        <translation>&amp;Θέμα</translation>
    </message>
    <message>
        <source>&amp;Body</source>
        <translation>&amp;Κείμενο</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Προεπισκόπηση</translation>
    </message>
    <message>
        <source>Save te&amp;mplate</source>
        <translation>Αποθήκευση &amp;προτύπου</translation>
    </message>
    <message>
        <source>Choose a template on the left.</source>
        <translation>Επιλέξτε ένα πρότυπο αριστερά.</translation>
    </message>
    <message>
        <source>Saved the {0} template.</source>
        <translation>Αποθηκεύτηκε το πρότυπο {0}.</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Εξερχόμενα</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Στην ουρά</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Κατάσταση</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Έως</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Προσπάθειες</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Πρόβλημα</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Μηνύματα</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Ανα&amp;νέωση</translation>
    </message>
    <message>
        <source>Retry &amp;failed</source>
        <translation>Νέα προσπάθεια για τα &amp;αποτυχημένα</translation>
    </message>
    <message>
        <source>{0} failed messages are queued again.</source>
        <translation>{0} αποτυχημένα μηνύματα μπήκαν ξανά στην ουρά.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Main toolbar</source>
        <translation>Κύρια γραμμή εργαλείων</translation>
    </message>
</context>
<context>
    <name>MonthlyReportDialog</name>
    <message>
        <source>PDF document</source>
        <translation>Έγγραφο PDF</translation>
    </message>
    <message>
        <source>CSV table</source>
        <translation>Πίνακας CSV</translation>
    </message>
    <message>
        <source>JSON data</source>
        <translation>Δεδομένα JSON</translation>
    </message>
    <message>
        <source>Monthly SLA report</source>
        <translation>Μηνιαία αναφορά SLA</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Αποθήκευση…</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Πελάτης</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Μήνας</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Μορφή</translation>
    </message>
    <message>
        <source>Choose a customer.</source>
        <translation>Επιλέξτε πελάτη.</translation>
    </message>
    <message>
        <source>There are no customers yet.</source>
        <translation>Δεν υπάρχουν ακόμη πελάτες.</translation>
    </message>
    <message>
        <source>Save monthly SLA report</source>
        <translation>Αποθήκευση μηνιαίας αναφοράς SLA</translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation>Υπολογισμός των μεγεθών…</translation>
    </message>
    <message>
        <source>Cannot write {0}: {1}</source>
        <translation>Δεν είναι δυνατή η εγγραφή του {0}: {1}</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>Αποθηκεύτηκε: {0}.</translation>
    </message>
</context>
<context>
    <name>NewTicketDialog</name>
    <message>
        <source>New ticket</source>
        <translation>Νέο αίτημα</translation>
    </message>
    <message>
        <source>Open ticket</source>
        <translation>Άνοιγμα αιτήματος</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Πελάτης</translation>
    </message>
    <message>
        <source>Type to search customers</source>
        <translation>Πληκτρολογήστε για αναζήτηση πελατών</translation>
    </message>
    <message>
        <source>Customer contact</source>
        <translation>Επαφή πελάτη</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Προϊόν</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— κανένα —</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Θέμα</translation>
    </message>
    <message>
        <source>One line that says what is wrong</source>
        <translation>Μία γραμμή που λέει τι δεν λειτουργεί</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Περιγραφή</translation>
    </message>
    <message>
        <source>Criticality</source>
        <translation>Κρισιμότητα</translation>
    </message>
    <message>
        <source>Service type</source>
        <translation>Τύπος υπηρεσίας</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Κατηγορία</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Περιβάλλον</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Επαφή</translation>
    </message>
    <message>
        <source>Open out of contract (no SLA; recorded)</source>
        <translation>Άνοιγμα εκτός συμβολαίου (χωρίς SLA· καταγράφεται)</translation>
    </message>
    <message>
        <source>Open out of contract</source>
        <translation>Άνοιγμα εκτός συμβολαίου</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Άνοιγμα…</translation>
    </message>
    <message>
        <source>Discard new ticket?</source>
        <translation>Απόρριψη νέου αιτήματος;</translation>
    </message>
    <message>
        <source>Discard what you typed for this new ticket?</source>
        <translation>Να απορριφθούν όσα γράψατε για αυτό το νέο αίτημα;</translation>
    </message>
</context>
<context>
    <name>PendingVerificationsView</name>
    <message>
        <source>Pending verifications</source>
        <translation>Εκκρεμείς επιβεβαιώσεις</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Πελάτης</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Προϊόν</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Έκδοση</translation>
    </message>
    <message>
        <source>Waiting since</source>
        <translation>Σε αναμονή από</translation>
    </message>
    <message>
        <source>Verifying contacts</source>
        <translation>Επαφές επιβεβαίωσης</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Ανα&amp;νέωση</translation>
    </message>
    <message>
        <source>&amp;Record answer…</source>
        <translation>Κα&amp;ταχώριση απάντησης…</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n σε αναμονή</numerusform>
            <numerusform>%n σε αναμονή</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PeopleSection</name>
    <message>
        <source>People</source>
        <translation>Χρήστες</translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation>&amp;Χρήστες</translation>
    </message>
    <message>
        <source>E&amp;ngineers</source>
        <translation>&amp;Μηχανικοί</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>Προεπισκόπηση</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Πελάτης</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Δοκιμαστικό</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Παραγωγή</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Κατάσταση</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Επόμενο βήμα</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>Επιτρέπεται</translation>
    </message>
    <message>
        <source>Verifying contacts</source>
        <translation>Επαφές επιβεβαίωσης</translation>
    </message>
    <message numerus="yes">
        <source>{release} for %n customer(s). Nothing is done yet.</source>
        <translation>
            <numerusform>{release} για %n πελάτη. Δεν έχει γίνει τίποτα ακόμη.</numerusform>
            <numerusform>{release} για %n πελάτες. Δεν έχει γίνει τίποτα ακόμη.</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking each customer…</source>
        <translation>Έλεγχος κάθε πελάτη…</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ναι</translation>
    </message>
    <message>
        <source>no: {why}</source>
        <translation>όχι: {why}</translation>
    </message>
    <message>
        <source>none: tell them yourself</source>
        <translation>καμία: ενημερώστε τους εσείς</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>δεν ξεκίνησε</translation>
    </message>
    <message>
        <source>done</source>
        <translation>ολοκληρώθηκε</translation>
    </message>
    <message>
        <source>{ready}; {other}</source>
        <translation>{ready}· {other}</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) ready for the test installation</source>
        <translation>
            <numerusform>%n πελάτης έτοιμος για την εγκατάσταση στο δοκιμαστικό</numerusform>
            <numerusform>%n πελάτες έτοιμοι για την εγκατάσταση στο δοκιμαστικό</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n at another step or blocked.</source>
        <translation>
            <numerusform>%n σε άλλο βήμα ή μπλοκαρισμένος.</numerusform>
            <numerusform>%n σε άλλο βήμα ή μπλοκαρισμένοι.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductsSection</name>
    <message>
        <source>Products and releases</source>
        <translation>Προϊόντα και εκδόσεις</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Προϊόντα</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Κωδικός</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Προϊόν</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>Νέο προϊόν</translation>
    </message>
    <message>
        <source>C&amp;ode</source>
        <translation>&amp;Κωδικός</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>Ό&amp;νομα</translation>
    </message>
    <message>
        <source>&amp;Add product</source>
        <translation>&amp;Προσθήκη προϊόντος</translation>
    </message>
    <message>
        <source>Releases</source>
        <translation>Εκδόσεις</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Έκδοση</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Είδος</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Κατάσταση</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ημερομηνία</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Έκδοση</translation>
    </message>
    <message>
        <source>&amp;Version</source>
        <translation>Έ&amp;κδοση</translation>
    </message>
    <message>
        <source>major.minor.patch, e.g. 2.4.0</source>
        <translation>κύρια.δευτερεύουσα.διόρθωση, π.χ. 2.4.0</translation>
    </message>
    <message>
        <source>&amp;State</source>
        <translation>&amp;Κατάσταση</translation>
    </message>
    <message>
        <source>Delivers &amp;ticket</source>
        <translation>Παραδίδει &amp;αίτημα</translation>
    </message>
    <message>
        <source>SD-000123</source>
        <translation>SD-000123</translation>
    </message>
    <message>
        <source>Add &amp;release</source>
        <translation>Προσθήκη έκ&amp;δοσης</translation>
    </message>
    <message>
        <source>Set s&amp;tate</source>
        <translation>Ορισμός κα&amp;τάστασης</translation>
    </message>
    <message>
        <source>&amp;Link ticket</source>
        <translation>&amp;Σύνδεση αιτήματος</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>Σ&amp;ημειώσεις</translation>
    </message>
    <message>
        <source>Release notes</source>
        <translation>Σημειώσεις έκδοσης</translation>
    </message>
    <message>
        <source>Release notes, assembled from the linked tickets</source>
        <translation>Σημειώσεις έκδοσης, από τα συνδεδεμένα αιτήματα</translation>
    </message>
    <message>
        <source>Added {0}.</source>
        <translation>Προστέθηκε: {0}.</translation>
    </message>
    <message>
        <source>Added {0} {1}.</source>
        <translation>Προστέθηκε: {0} {1}.</translation>
    </message>
    <message>
        <source>{0} {1} is {2}.</source>
        <translation>{0} {1}: {2}.</translation>
    </message>
    <message>
        <source>Type the ticket number (SD-000123).</source>
        <translation>Γράψτε τον αριθμό αιτήματος (SD-000123).</translation>
    </message>
    <message>
        <source>{0} is delivered by {1}.</source>
        <translation>Το {0} παραδίδεται με την {1}.</translation>
    </message>
</context>
<context>
    <name>ProfilePicker</name>
    <message>
        <source>Profile</source>
        <translation>Προφίλ</translation>
    </message>
    <message>
        <source>Connection profile</source>
        <translation>Προφίλ σύνδεσης</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Προσθήκη…</translation>
    </message>
    <message>
        <source>Keep the connection shown below as a new profile</source>
        <translation>Κράτηση της σύνδεσης που φαίνεται παρακάτω ως νέου προφίλ</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Μετονομασία…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Αφαίρεση…</translation>
    </message>
    <message>
        <source>Profile name:</source>
        <translation>Όνομα προφίλ:</translation>
    </message>
    <message>
        <source>Add connection profile</source>
        <translation>Προσθήκη προφίλ σύνδεσης</translation>
    </message>
    <message>
        <source>Rename connection profile</source>
        <translation>Μετονομασία προφίλ σύνδεσης</translation>
    </message>
    <message>
        <source>That name is empty or already taken.</source>
        <translation>Το όνομα είναι κενό ή χρησιμοποιείται ήδη.</translation>
    </message>
    <message>
        <source>Remove connection profile</source>
        <translation>Αφαίρεση προφίλ σύνδεσης</translation>
    </message>
    <message>
        <source>Remove the profile “%1” and the passwords kept for it? The database itself is not touched.</source>
        <translation>Να αφαιρεθεί το προφίλ «%1» και οι κωδικοί που φυλάσσονται για αυτό; Η ίδια η βάση δεδομένων δεν αλλάζει.</translation>
    </message>
    <message>
        <source>From --db (not saved yet)</source>
        <translation>Από το --db (δεν έχει αποθηκευτεί ακόμη)</translation>
    </message>
    <message>
        <source>From SUPPORTDESK_DB (not saved yet)</source>
        <translation>Από το SUPPORTDESK_DB (δεν έχει αποθηκευτεί ακόμη)</translation>
    </message>
    <message>
        <source>From settings.json (not saved yet)</source>
        <translation>Από το settings.json (δεν έχει αποθηκευτεί ακόμη)</translation>
    </message>
    <message>
        <source>New connection (not saved yet)</source>
        <translation>Νέα σύνδεση (δεν έχει αποθηκευτεί ακόμη)</translation>
    </message>
</context>
<context>
    <name>PromotionWizard</name>
    <message>
        <source>Release promotion</source>
        <translation>Προώθηση έκδοσης</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ακύρωση</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Κλείσιμο</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Αποθήκευση</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Απόρριψη</translation>
    </message>
    <message>
        <source>Don&apos;t Save</source>
        <translation>Χωρίς αποθήκευση</translation>
    </message>
    <message>
        <source>Close without Saving</source>
        <translation>Κλείσιμο χωρίς αποθήκευση</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Εφαρμογή</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Επαναφορά</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Επαναφορά προεπιλογών</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Βοήθεια</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ναι</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>Ό&amp;χι</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Διακοπή</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Επανάληψη</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Παράβλεψη</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Πίσω</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Επόμενο &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Τέλος</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ακύρωση</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Βοήθεια</translation>
    </message>
    <message>
        <source>&amp;Commit</source>
        <translation>&amp;Οριστικοποίηση</translation>
    </message>
</context>
<context>
    <name>QueueCells</name>
    <message>
        <source>On track</source>
        <translation>Εντός χρόνου</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>Σε κίνδυνο</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>Εκπρόθεσμο</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Τηρήθηκε</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Δεν τηρήθηκε</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Σε παύση</translation>
    </message>
    <message>
        <source>No SLA target</source>
        <translation>Χωρίς στόχο SLA</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Χωρίς ανάθεση</translation>
    </message>
    <message>
        <source>Due {time}</source>
        <translation>Προθεσμία {time}</translation>
    </message>
    <message>
        <source>{days}d {hours}h</source>
        <translation>{days}ημ {hours}ώ</translation>
    </message>
    <message>
        <source>{hours}h {mins}m</source>
        <translation>{hours}ώ {mins}λ</translation>
    </message>
    <message>
        <source>{mins}m</source>
        <translation>{mins}λ</translation>
    </message>
    <message>
        <source>{span} left</source>
        <translation>απομένουν {span}</translation>
    </message>
    <message>
        <source>overdue {span}</source>
        <translation>καθυστέρηση {span}</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Search number, subject, description, customer  (Ctrl+F)</source>
        <translation>Αναζήτηση αριθμού, θέματος, περιγραφής, πελάτη  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search tickets</source>
        <translation>Αναζήτηση αιτημάτων</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Φίλτρο κατάστασης</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Κάθε κατάσταση</translation>
    </message>
    <message>
        <source>Priority filter</source>
        <translation>Φίλτρο προτεραιότητας</translation>
    </message>
    <message>
        <source>Any priority</source>
        <translation>Κάθε προτεραιότητα</translation>
    </message>
    <message>
        <source>Customer filter</source>
        <translation>Φίλτρο πελάτη</translation>
    </message>
    <message>
        <source>Any customer</source>
        <translation>Κάθε πελάτης</translation>
    </message>
    <message>
        <source>Assignee filter</source>
        <translation>Φίλτρο υπευθύνου</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Οποιοσδήποτε</translation>
    </message>
    <message>
        <source>Product filter</source>
        <translation>Φίλτρο προϊόντος</translation>
    </message>
    <message>
        <source>Any product</source>
        <translation>Κάθε προϊόν</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Καθαρισμός φίλτρων</translation>
    </message>
    <message>
        <source>Clear search and filters</source>
        <translation>Καθαρισμός αναζήτησης και φίλτρων</translation>
    </message>
    <message>
        <source>Tickets shown</source>
        <translation>Αιτήματα που εμφανίζονται</translation>
    </message>
    <message>
        <source>Ticket queue</source>
        <translation>Ουρά αιτημάτων</translation>
    </message>
    <message>
        <source>%1 tickets</source>
        <translation>%1 αιτήματα</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <source>Engineer</source>
        <translation>Μηχανικός</translation>
    </message>
</context>
<context>
    <name>RecordList</name>
    <message>
        <source>Filter {0}…</source>
        <translation>Φίλτρο: {0}…</translation>
    </message>
    <message>
        <source>Filter {0}</source>
        <translation>Φίλτρο: {0}</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} από {1}</translation>
    </message>
</context>
<context>
    <name>ReleasePage</name>
    <message>
        <source>Choose the release</source>
        <translation>Επιλογή έκδοσης</translation>
    </message>
    <message>
        <source>The release goes to each customer&apos;s test environment first; production follows only after the customer verified it.</source>
        <translation>Η έκδοση εγκαθίσταται πρώτα στο δοκιμαστικό περιβάλλον κάθε πελάτη· η παραγωγή ακολουθεί μόνο αφού ο πελάτης την επιβεβαιώσει.</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Προϊόν</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Έκδοση</translation>
    </message>
    <message>
        <source>&amp;Product</source>
        <translation>&amp;Προϊόν</translation>
    </message>
    <message>
        <source>&amp;Release</source>
        <translation>Έκ&amp;δοση</translation>
    </message>
    <message>
        <source>No release is available yet: a manager adds one first.</source>
        <translation>Δεν υπάρχει ακόμη διαθέσιμη έκδοση: πρώτα την προσθέτει ένας διευθυντής.</translation>
    </message>
    <message>
        <source>{kind} release, {state}</source>
        <translation>Είδος έκδοσης: {kind} · κατάσταση: {state}</translation>
    </message>
    <message>
        <source> — installing it needs a reason</source>
        <translation> — η εγκατάστασή της χρειάζεται αιτιολόγηση</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Resolve {number}</source>
        <translation>Επίλυση {number}</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Επίλυση</translation>
    </message>
    <message>
        <source>Problem nature</source>
        <translation>Φύση του προβλήματος</translation>
    </message>
    <message>
        <source>What was wrong?</source>
        <translation>Τι δεν πήγαινε καλά;</translation>
    </message>
    <message>
        <source>Solution applied</source>
        <translation>Λύση που εφαρμόστηκε</translation>
    </message>
    <message>
        <source>What did you do to fix it?</source>
        <translation>Τι κάνατε για να το διορθώσετε;</translation>
    </message>
    <message>
        <source>Minutes spent</source>
        <translation>Λεπτά εργασίας</translation>
    </message>
    <message>
        <source>Time spent</source>
        <translation>Χρόνος εργασίας</translation>
    </message>
</context>
<context>
    <name>SavedSearches</name>
    <message>
        <source>SAVED SEARCHES</source>
        <translation>ΑΠΟΘΗΚΕΥΜΕΝΕΣ ΑΝΑΖΗΤΗΣΕΙΣ</translation>
    </message>
    <message>
        <source>Saved searches</source>
        <translation>Αποθηκευμένες αναζητήσεις</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Μετονομασία…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Διαγραφή…</translation>
    </message>
    <message>
        <source>None yet: filter the queue, then Save search.</source>
        <translation>Καμία ακόμη: φιλτράρετε την ουρά και πατήστε Αποθήκευση αναζήτησης.</translation>
    </message>
    <message>
        <source>Save search…</source>
        <translation>Αποθήκευση αναζήτησης…</translation>
    </message>
    <message>
        <source>Save the queue&apos;s view, filters and sort</source>
        <translation>Αποθήκευση της προβολής, των φίλτρων και της ταξινόμησης της ουράς</translation>
    </message>
    <message>
        <source>Keep this view with its search, filters and sort</source>
        <translation>Κράτηση αυτής της προβολής με την αναζήτηση, τα φίλτρα και την ταξινόμησή της</translation>
    </message>
    <message>
        <source>Save search</source>
        <translation>Αποθήκευση αναζήτησης</translation>
    </message>
    <message>
        <source>Name of this search:</source>
        <translation>Όνομα της αναζήτησης:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Αποθήκευση</translation>
    </message>
    <message>
        <source>Replace saved search</source>
        <translation>Αντικατάσταση αποθηκευμένης αναζήτησης</translation>
    </message>
    <message>
        <source>You already have a saved search called “%1”. Replace it?</source>
        <translation>Έχετε ήδη αποθηκευμένη αναζήτηση με το όνομα «%1». Να αντικατασταθεί;</translation>
    </message>
    <message>
        <source>Rename saved search</source>
        <translation>Μετονομασία αποθηκευμένης αναζήτησης</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Νέο όνομα:</translation>
    </message>
    <message>
        <source>Delete saved search</source>
        <translation>Διαγραφή αποθηκευμένης αναζήτησης</translation>
    </message>
    <message>
        <source>Delete the saved search “%1”? The tickets stay as they are.</source>
        <translation>Να διαγραφεί η αποθηκευμένη αναζήτηση «%1»; Τα αιτήματα μένουν ως έχουν.</translation>
    </message>
</context>
<context>
    <name>ScheduleGridModel</name>
    <message>
        <source>working</source>
        <translation>εργάσιμη</translation>
    </message>
    <message>
        <source>off</source>
        <translation>εκτός</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Συντομεύσεις πληκτρολογίου</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Ενέργεια</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Πλήκτρα</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>VIEWS</source>
        <translation>ΠΡΟΒΟΛΕΣ</translation>
    </message>
    <message>
        <source>Saved views</source>
        <translation>Αποθηκευμένες προβολές</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Connection</source>
        <translation>Σύνδεση</translation>
    </message>
    <message>
        <source>Logged in as</source>
        <translation>Συνδεδεμένος ως</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Σε εξέλιξη</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Διαθέσιμος</translation>
    </message>
    <message>
        <source>I am available for new tickets</source>
        <translation>Είμαι διαθέσιμος για νέα αιτήματα</translation>
    </message>
    <message>
        <source>Times in %1</source>
        <translation>Ώρες σε %1</translation>
    </message>
    <message>
        <source>Time zone of the times shown</source>
        <translation>Ζώνη ώρας των ωρών που εμφανίζονται</translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation>Χωρίς κρυπτογράφηση</translation>
    </message>
    <message>
        <source>Connection not encrypted</source>
        <translation>Σύνδεση χωρίς κρυπτογράφηση</translation>
    </message>
    <message>
        <source>The connection to the database server is not encrypted: others on the network can read it. Ask for TLS (sslmode verify-full with the CA file).</source>
        <translation>Η σύνδεση με τον διακομιστή της βάσης δεδομένων δεν είναι κρυπτογραφημένη: άλλοι στο δίκτυο μπορούν να τη διαβάσουν. Ζητήστε TLS (sslmode verify-full με το αρχείο CA).</translation>
    </message>
    <message>
        <source>Connection restored</source>
        <translation>Η σύνδεση αποκαταστάθηκε</translation>
    </message>
    <message>
        <source>Connection lost — reconnecting…</source>
        <translation>Η σύνδεση χάθηκε — επανασύνδεση…</translation>
    </message>
</context>
<context>
    <name>TargetsModel</name>
    <message>
        <source>Tier</source>
        <translation>Βαθμίδα</translation>
    </message>
    <message>
        <source>Criticality</source>
        <translation>Κρισιμότητα</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Προτεραιότητα</translation>
    </message>
    <message>
        <source>Response (min)</source>
        <translation>Απόκριση (λεπτά)</translation>
    </message>
    <message>
        <source>Resolution (min)</source>
        <translation>Επίλυση (λεπτά)</translation>
    </message>
    <message>
        <source>Business hours</source>
        <translation>Εργάσιμες ώρες</translation>
    </message>
    <message>
        <source>business hours</source>
        <translation>εργάσιμες ώρες</translation>
    </message>
    <message>
        <source>24×7</source>
        <translation>24×7</translation>
    </message>
</context>
<context>
    <name>TargetsTab</name>
    <message>
        <source>SLA targets</source>
        <translation>Στόχοι SLA</translation>
    </message>
    <message>
        <source>Double-click (or F2) a priority or a target to change it; new tickets use it. Business hours follow the contract&apos;s calendar; unticked means 24×7.</source>
        <translation>Διπλό κλικ (ή F2) σε προτεραιότητα ή στόχο για αλλαγή· τα νέα αιτήματα τον χρησιμοποιούν. Οι εργάσιμες ώρες ακολουθούν το ημερολόγιο του συμβολαίου· χωρίς επιλογή σημαίνει 24×7.</translation>
    </message>
    <message>
        <source>New tier</source>
        <translation>Νέα βαθμίδα</translation>
    </message>
    <message>
        <source>Tier &amp;name</source>
        <translation>Ό&amp;νομα βαθμίδας</translation>
    </message>
    <message>
        <source>Copy targets &amp;of</source>
        <translation>Αντιγραφή στόχων &amp;από</translation>
    </message>
    <message>
        <source>Add &amp;tier</source>
        <translation>Προσθήκη &amp;βαθμίδας</translation>
    </message>
    <message>
        <source>Saved {0} / {1}.</source>
        <translation>Αποθηκεύτηκε {0} / {1}.</translation>
    </message>
    <message>
        <source>Name the new tier.</source>
        <translation>Δώστε όνομα στη νέα βαθμίδα.</translation>
    </message>
    <message>
        <source>Added tier {0}; adjust its targets above.</source>
        <translation>Προστέθηκε η βαθμίδα {0}· προσαρμόστε τους στόχους της παραπάνω.</translation>
    </message>
</context>
<context>
    <name>TicketArea</name>
    <message>
        <source>Ticket panes</source>
        <translation>Ενότητες αιτήματος</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Αίτημα</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Ιστορικό</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Σχόλιο</translation>
    </message>
</context>
<context>
    <name>TicketDetail</name>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} ώ. {minutes} λ.</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} λεπτά</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Θέμα</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Ειδοποίηση</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Αποθήκευση αλλαγών</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Αναίρεση</translation>
    </message>
    <message>
        <source>Select a ticket in the queue to see it here.</source>
        <translation>Επιλέξτε ένα αίτημα στην ουρά για να το δείτε εδώ.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Κατάσταση</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Περιγραφή</translation>
    </message>
    <message>
        <source>Criticality</source>
        <translation>Κρισιμότητα</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Κατηγορία</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Περιβάλλον</translation>
    </message>
    <message>
        <source>Service type</source>
        <translation>Τύπος υπηρεσίας</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Προτεραιότητα</translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation>Αιτία της αλλαγής</translation>
    </message>
    <message>
        <source>Why? Kept in the history</source>
        <translation>Γιατί; Καταγράφεται στο ιστορικό</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Πελάτης</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Επαφή</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Προϊόν</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Υπεύθυνος</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Άνοιξε</translation>
    </message>
    <message>
        <source>Time logged</source>
        <translation>Καταγεγραμμένος χρόνος</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Επίλυση</translation>
    </message>
    <message>
        <source>Priority origin</source>
        <translation>Προέλευση προτεραιότητας</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Αιτία</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Υπηρεσία</translation>
    </message>
    <message>
        <source>{when} by {who}</source>
        <translation>{when} από {who}</translation>
    </message>
    <message>
        <source>from the contract (tier × criticality)</source>
        <translation>από το συμβόλαιο (βαθμίδα × κρισιμότητα)</translation>
    </message>
    <message>
        <source>set by {rest}</source>
        <translation>ορίστηκε από {rest}</translation>
    </message>
    <message>
        <source>Say why (the reason is kept in the history).</source>
        <translation>Πείτε γιατί (η αιτία καταγράφεται στο ιστορικό).</translation>
    </message>
    <message>
        <source>{days}d {hours}h</source>
        <translation>{days} ημ. {hours} ώ.</translation>
    </message>
    <message>
        <source>{hours}h {minutes}m</source>
        <translation>{hours} ώ. {minutes} λ.</translation>
    </message>
    <message>
        <source>{minutes}m</source>
        <translation>{minutes} λ.</translation>
    </message>
    <message>
        <source>no contract</source>
        <translation>χωρίς συμβόλαιο</translation>
    </message>
    <message>
        <source>out of contract</source>
        <translation>εκτός συμβολαίου</translation>
    </message>
    <message>
        <source>No SLA ({why})</source>
        <translation>Χωρίς SLA ({why})</translation>
    </message>
    <message>
        <source>{state} — no due time while waiting on the customer</source>
        <translation>{state} — χωρίς προθεσμία όσο περιμένουμε τον πελάτη</translation>
    </message>
    <message>
        <source>{span} left</source>
        <translation>απομένουν {span}</translation>
    </message>
    <message>
        <source>overdue {span}</source>
        <translation>εκπρόθεσμο κατά {span}</translation>
    </message>
    <message>
        <source>Due {when}</source>
        <translation>Λήξη {when}</translation>
    </message>
    <message>
        <source>business hours ({calendar})</source>
        <translation>εργάσιμες ώρες ({calendar})</translation>
    </message>
</context>
<context>
    <name>ToolWindows</name>
    <message>
        <source>Select a ticket first.</source>
        <translation>Επιλέξτε πρώτα ένα αίτημα.</translation>
    </message>
    <message>
        <source>Save ticket report</source>
        <translation>Αποθήκευση αναφοράς αιτήματος</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Αρχεία PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>Δεν είναι δυνατή η εγγραφή του {path}: {error}</translation>
    </message>
    <message>
        <source>Report saved to {path}</source>
        <translation>Η αναφορά αποθηκεύτηκε στο {path}</translation>
    </message>
</context>
<context>
    <name>UnmatchedMailView</name>
    <message>
        <source>Unmatched mail</source>
        <translation>Αταύτιστη αλληλογραφία</translation>
    </message>
    <message>
        <source>The mail&apos;s text</source>
        <translation>Το κείμενο του μηνύματος</translation>
    </message>
    <message>
        <source>Customer to open the ticket for</source>
        <translation>Πελάτης για τον οποίο ανοίγει το αίτημα</translation>
    </message>
    <message>
        <source>Contact name (default: the sender&apos;s)</source>
        <translation>Όνομα επαφής (προεπιλογή: του αποστολέα)</translation>
    </message>
    <message>
        <source>Open ticket for customer</source>
        <translation>Άνοιγμα αιτήματος για τον πελάτη</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>Απόρριψη…</translation>
    </message>
    <message numerus="yes">
        <source>%n mail(s) wait for a decision.</source>
        <translation>
            <numerusform>%n μήνυμα περιμένει απόφαση.</numerusform>
            <numerusform>%n μηνύματα περιμένουν απόφαση.</numerusform>
        </translation>
    </message>
    <message>
        <source>No mail waits for a decision.</source>
        <translation>Κανένα μήνυμα δεν περιμένει απόφαση.</translation>
    </message>
    <message>
        <source>Choose a mail and a customer first.</source>
        <translation>Επιλέξτε πρώτα μήνυμα και πελάτη.</translation>
    </message>
    <message>
        <source>Opened %1.</source>
        <translation>Άνοιξε το %1.</translation>
    </message>
    <message>
        <source>Discard mail</source>
        <translation>Απόρριψη μηνύματος</translation>
    </message>
    <message>
        <source>Why is this mail discarded?</source>
        <translation>Γιατί απορρίπτεται αυτό το μήνυμα;</translation>
    </message>
</context>
<context>
    <name>UnsavedEdits</name>
    <message>
        <source>Unsaved changes</source>
        <translation>Μη αποθηκευμένες αλλαγές</translation>
    </message>
    <message>
        <source>%1 has changes that are not saved.</source>
        <translation>Το %1 έχει αλλαγές που δεν αποθηκεύτηκαν.</translation>
    </message>
    <message>
        <source>Save them before you go on?</source>
        <translation>Να αποθηκευτούν πριν συνεχίσετε;</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>Users</source>
        <translation>Χρήστες</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Χρήστης</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Όνομα</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ρόλος</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Ενεργός</translation>
    </message>
    <message>
        <source>User &amp;name</source>
        <translation>Όνομα &amp;χρήστη</translation>
    </message>
    <message>
        <source>F&amp;ull name</source>
        <translation>Ον&amp;οματεπώνυμο</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Ρόλος</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Κωδικός</translation>
    </message>
    <message>
        <source>for a new user, or to reset</source>
        <translation>για νέο χρήστη ή για επαναφορά</translation>
    </message>
    <message>
        <source>Ne&amp;w</source>
        <translation>Νέ&amp;ος</translation>
    </message>
    <message>
        <source>&amp;Add user</source>
        <translation>&amp;Προσθήκη χρήστη</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>&amp;Αποθήκευση αλλαγών</translation>
    </message>
    <message>
        <source>Reset pass&amp;word</source>
        <translation>Επαναφορά &amp;κωδικού</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>Α&amp;πενεργοποίηση</translation>
    </message>
    <message>
        <source>Re&amp;activate</source>
        <translation>Ε&amp;πανενεργοποίηση</translation>
    </message>
    <message>
        <source>A password has at least {0} characters.</source>
        <translation>Ένας κωδικός έχει τουλάχιστον {0} χαρακτήρες.</translation>
    </message>
    <message>
        <source>Type the new user&apos;s details, then Add user.</source>
        <translation>Γράψτε τα στοιχεία του νέου χρήστη και πατήστε Προσθήκη χρήστη.</translation>
    </message>
    <message>
        <source>A new user needs a password.</source>
        <translation>Ένας νέος χρήστης χρειάζεται κωδικό.</translation>
    </message>
    <message>
        <source>Added {0}.</source>
        <translation>Προστέθηκε: {0}.</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>Αποθηκεύτηκε: {0}.</translation>
    </message>
    <message>
        <source>Type the new password first.</source>
        <translation>Γράψτε πρώτα τον νέο κωδικό.</translation>
    </message>
    <message>
        <source>New password set for {0}.</source>
        <translation>Ορίστηκε νέος κωδικός για τον/την {0}.</translation>
    </message>
    <message>
        <source>{0} is active.</source>
        <translation>Ο/Η {0} είναι ενεργός/ή.</translation>
    </message>
    <message>
        <source>{0} is deactivated.</source>
        <translation>Ο/Η {0} απενεργοποιήθηκε.</translation>
    </message>
</context>
<context>
    <name>VerificationPage</name>
    <message>
        <source>Customers&apos; verification</source>
        <translation>Επιβεβαίωση από τους πελάτες</translation>
    </message>
    <message>
        <source>Record each answer as it arrives. You can finish now and come back: unanswered customers stay in Pending verifications.</source>
        <translation>Καταχωρίστε κάθε απάντηση μόλις έρθει. Μπορείτε να τελειώσετε τώρα και να επιστρέψετε: όσοι πελάτες δεν απάντησαν μένουν στις Εκκρεμείς επιβεβαιώσεις.</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Πελάτης</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Κατάσταση</translation>
    </message>
    <message>
        <source>Verifying contacts</source>
        <translation>Επαφές επιβεβαίωσης</translation>
    </message>
    <message>
        <source>Customers awaiting verification</source>
        <translation>Πελάτες που εκκρεμεί η επιβεβαίωσή τους</translation>
    </message>
    <message>
        <source>&amp;Approved</source>
        <translation>Ε&amp;γκρίθηκε</translation>
    </message>
    <message>
        <source>Re&amp;jected</source>
        <translation>Α&amp;πορρίφθηκε</translation>
    </message>
    <message>
        <source>Customer contact</source>
        <translation>Επαφή πελάτη</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Τρόπος επικοινωνίας</translation>
    </message>
    <message>
        <source>Answered at</source>
        <translation>Ώρα απάντησης</translation>
    </message>
    <message>
        <source>Comments or reason</source>
        <translation>Σχόλια ή αιτία</translation>
    </message>
    <message>
        <source>Comments; for a rejection, the customer&apos;s reason</source>
        <translation>Σχόλια· για απόρριψη, η αιτία του πελάτη</translation>
    </message>
    <message>
        <source>&amp;Record answer</source>
        <translation>Κα&amp;ταχώριση απάντησης</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Απάντηση</translation>
    </message>
    <message>
        <source>&amp;Who</source>
        <translation>&amp;Ποιος</translation>
    </message>
    <message>
        <source>&amp;How</source>
        <translation>Π&amp;ώς</translation>
    </message>
    <message>
        <source>&amp;When</source>
        <translation>Πό&amp;τε</translation>
    </message>
    <message>
        <source>&amp;Comments</source>
        <translation>Σχό&amp;λια</translation>
    </message>
    <message>
        <source>No selected customer is waiting for verification.</source>
        <translation>Κανένας επιλεγμένος πελάτης δεν περιμένει επιβεβαίωση.</translation>
    </message>
    <message>
        <source>Choose the customer and the contact who answered.</source>
        <translation>Επιλέξτε τον πελάτη και την επαφή που απάντησε.</translation>
    </message>
    <message>
        <source>A rejection needs the customer&apos;s reason.</source>
        <translation>Η απόρριψη χρειάζεται την αιτία του πελάτη.</translation>
    </message>
    <message>
        <source>; ticket {ticket} opened for the problem</source>
        <translation>· άνοιξε το αίτημα {ticket} για το πρόβλημα</translation>
    </message>
</context>
<context>
    <name>VersionMatrixModel</name>
    <message>
        <source>Customer</source>
        <translation>Πελάτης</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Όνομα</translation>
    </message>
    <message>
        <source>{version} awaits the customer&apos;s verification</source>
        <translation>Η {version} περιμένει την επιβεβαίωση του πελάτη</translation>
    </message>
    <message>
        <source>behind the latest release {version}</source>
        <translation>πίσω από την τελευταία έκδοση {version}</translation>
    </message>
</context>
<context>
    <name>VersionMatrixView</name>
    <message>
        <source>Version matrix</source>
        <translation>Πίνακας εκδόσεων</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Ανα&amp;νέωση</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Εξαγωγή CSV…</translation>
    </message>
    <message>
        <source>Blue: waiting for the customer&apos;s verification · Amber: production behind the latest release</source>
        <translation>Μπλε: αναμονή επιβεβαίωσης από τον πελάτη · Πορτοκαλί: η παραγωγή είναι πίσω από την τελευταία έκδοση</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Φόρτωση…</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n πελάτης</numerusform>
            <numerusform>%n πελάτες</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n προϊόν</numerusform>
            <numerusform>%n προϊόντα</numerusform>
        </translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>Εξήχθη στο {path}</translation>
    </message>
    <message>
        <source>Export version matrix</source>
        <translation>Εξαγωγή πίνακα εκδόσεων</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Αρχεία CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>Δεν είναι δυνατή η εγγραφή του {path}: {error}</translation>
    </message>
</context>
<context>
    <name>WaitDialog</name>
    <message>
        <source>Wait on customer: %1</source>
        <translation>Αναμονή πελάτη: %1</translation>
    </message>
    <message>
        <source>Wait on customer</source>
        <translation>Αναμονή πελάτη</translation>
    </message>
    <message>
        <source>What we wait for</source>
        <translation>Τι περιμένουμε</translation>
    </message>
    <message>
        <source>e.g. the log files from the night of the outage</source>
        <translation>π.χ. τα αρχεία καταγραφής από τη νύχτα της διακοπής</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>Αναμονή για</translation>
    </message>
    <message>
        <source>Say what the customer needs to send or do.</source>
        <translation>Πείτε τι πρέπει να στείλει ή να κάνει ο πελάτης.</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>New</source>
        <translation>Νέο</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Ανατεθειμένο</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Σε εξέλιξη</translation>
    </message>
    <message>
        <source>Waiting on customer</source>
        <translation>Αναμονή πελάτη</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Επιλυμένο</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Κλειστό</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Ακυρωμένο</translation>
    </message>
    <message>
        <source>My tickets</source>
        <translation>Τα αιτήματά μου</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Χωρίς ανάθεση</translation>
    </message>
    <message>
        <source>At risk / breached</source>
        <translation>Σε κίνδυνο / εκπρόθεσμα</translation>
    </message>
    <message>
        <source>Awaiting customer approval</source>
        <translation>Αναμονή έγκρισης πελάτη</translation>
    </message>
    <message>
        <source>All open</source>
        <translation>Όλα τα ανοιχτά</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Όλα</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Αριθμός</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Προτ.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Κατάσταση</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Θέμα</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Πελάτης</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Υπεύθυνος</translation>
    </message>
    <message>
        <source>SLA due</source>
        <translation>Λήξη SLA</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Ενημέρωση</translation>
    </message>
    <message>
        <source>engineer</source>
        <translation>μηχανικός</translation>
    </message>
    <message>
        <source>care</source>
        <translation>εξυπηρέτηση</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>διευθυντής</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>διαχειριστής</translation>
    </message>
    <message>
        <source>Take</source>
        <translation>Ανάληψη</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>Ανάθεση…</translation>
    </message>
    <message>
        <source>Reassign…</source>
        <translation>Νέα ανάθεση…</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Έναρξη</translation>
    </message>
    <message>
        <source>Wait on customer…</source>
        <translation>Αναμονή πελάτη…</translation>
    </message>
    <message>
        <source>Customer replied…</source>
        <translation>Απάντησε ο πελάτης…</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>Επίλυση…</translation>
    </message>
    <message>
        <source>Customer approved…</source>
        <translation>Ενέκρινε ο πελάτης…</translation>
    </message>
    <message>
        <source>Customer rejected…</source>
        <translation>Απέρριψε ο πελάτης…</translation>
    </message>
    <message>
        <source>Cancel…</source>
        <translation>Ακύρωση…</translation>
    </message>
</context>
<context>
    <name>values</name>
    <message>
        <source>Low</source>
        <translation>Χαμηλή</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Μεσαία</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Υψηλή</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Κρίσιμη</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Περιστατικό</translation>
    </message>
    <message>
        <source>Service request</source>
        <translation>Αίτημα υπηρεσίας</translation>
    </message>
    <message>
        <source>Upgrade</source>
        <translation>Αναβάθμιση</translation>
    </message>
    <message>
        <source>Patch</source>
        <translation>Διορθωτική ενημέρωση</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Ερώτηση</translation>
    </message>
    <message>
        <source>Managed hosting</source>
        <translation>Διαχειριζόμενη φιλοξενία</translation>
    </message>
    <message>
        <source>Software maintenance</source>
        <translation>Συντήρηση λογισμικού</translation>
    </message>
    <message>
        <source>First level support</source>
        <translation>Υποστήριξη πρώτου επιπέδου</translation>
    </message>
    <message>
        <source>Second level support</source>
        <translation>Υποστήριξη δεύτερου επιπέδου</translation>
    </message>
    <message>
        <source>System monitoring</source>
        <translation>Παρακολούθηση συστημάτων</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Δοκιμαστικό</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Παραγωγή</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Τηλέφωνο</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Συνάντηση</translation>
    </message>
    <message>
        <source>Portal</source>
        <translation>Πύλη</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Διαθέσιμο</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Εκτός γραφείου</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Απασχολημένος</translation>
    </message>
    <message>
        <source>Off duty</source>
        <translation>Εκτός βάρδιας</translation>
    </message>
    <message>
        <source>Least loaded first</source>
        <translation>Πρώτα ο λιγότερο φορτωμένος</translation>
    </message>
    <message>
        <source>Round robin</source>
        <translation>Εκ περιτροπής</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Προγραμματισμένη</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Αποσύρθηκε</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>Κύρια</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>Δευτερεύουσα</translation>
    </message>
    <message>
        <source>On test</source>
        <translation>Στο δοκιμαστικό</translation>
    </message>
    <message>
        <source>Awaiting verification</source>
        <translation>Αναμονή επιβεβαίωσης</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Επιβεβαιώθηκε</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Απορρίφθηκε</translation>
    </message>
    <message>
        <source>On production</source>
        <translation>Στην παραγωγή</translation>
    </message>
    <message>
        <source>Install on test</source>
        <translation>Εγκατάσταση στο δοκιμαστικό</translation>
    </message>
    <message>
        <source>Notify</source>
        <translation>Ειδοποίηση</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Επιβεβαίωση</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Απόρριψη</translation>
    </message>
    <message>
        <source>Install on production</source>
        <translation>Εγκατάσταση στην παραγωγή</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>Εντός χρόνου</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>Σε κίνδυνο</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>Εκπρόθεσμο</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Τηρήθηκε</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Δεν τηρήθηκε</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Σε παύση</translation>
    </message>
    <message>
        <source>None (plain)</source>
        <translation>Καμία (απλή σύνδεση)</translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>under 1 day</source>
        <translation>κάτω από 1 ημέρα</translation>
    </message>
    <message>
        <source>1-3 days</source>
        <translation>1-3 ημέρες</translation>
    </message>
    <message>
        <source>3-7 days</source>
        <translation>3-7 ημέρες</translation>
    </message>
    <message>
        <source>7-30 days</source>
        <translation>7-30 ημέρες</translation>
    </message>
    <message>
        <source>over 30 days</source>
        <translation>πάνω από 30 ημέρες</translation>
    </message>
</context>
</TS>

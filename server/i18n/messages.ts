/**
 * Messages the server sends to people (errors, emails, notifications), German first.
 * The web client has its own catalogue in web/src/i18n; these are only what leaves the API.
 */
export type Locale = 'de' | 'en';
export const locales: readonly Locale[] = ['de', 'en'];

type Catalogue = Record<string, { de: string; en: string }>;

export const messages = {
  // generic HTTP problems
  bad_request: { de: 'Die Anfrage ist fehlerhaft.', en: 'The request is malformed.' },
  invalid_json: { de: 'Die Anfrage enthält kein gültiges JSON.', en: 'The request body is not valid JSON.' },
  validation: {
    de: 'Einige Angaben sind ungültig. Bitte prüfen Sie die markierten Felder.',
    en: 'Some fields are invalid. Please check the marked fields.',
  },
  body_too_large: { de: 'Die Anfrage ist zu groß.', en: 'The request is too large.' },
  'body.unexpected': {
    de: 'Diese Anfrage nimmt keinen Inhalt entgegen. Bitte senden Sie sie ohne Inhalt.',
    en: 'This request takes no content. Please send it without a body.',
  },
  unsupported_media_type: {
    de: 'Dieses Format wird nicht unterstützt. Bitte senden Sie JSON.',
    en: 'This format is not supported. Please send JSON.',
  },
  not_found: { de: 'Nicht gefunden.', en: 'Not found.' },
  unauthenticated: { de: 'Bitte melden Sie sich an.', en: 'Please sign in.' },
  forbidden: { de: 'Dafür fehlt Ihnen die Berechtigung.', en: 'You are not allowed to do this.' },
  csrf: {
    de: 'Die Sitzung ist abgelaufen oder die Anfrage kam nicht von dieser Seite. Bitte laden Sie die Seite neu.',
    en: 'Your session expired or the request did not come from this page. Please reload the page.',
  },
  conflict: {
    de: 'Das steht im Widerspruch zu vorhandenen Daten.',
    en: 'This conflicts with existing data.',
  },
  duplicate: { de: 'Das gibt es schon.', en: 'This already exists.' },
  rate_limited: {
    de: 'Zu viele Anfragen. Bitte warten Sie einen Moment.',
    en: 'Too many requests. Please wait a moment.',
  },
  internal: {
    de: 'Ein unerwarteter Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.',
    en: 'An unexpected error occurred. Please try again later.',
  },
  unavailable: { de: 'Der Dienst ist gerade nicht verfügbar.', en: 'The service is unavailable right now.' },
  // field-level validation
  'field.required': { de: 'Bitte ausfüllen.', en: 'Please fill this in.' },
  'field.too_short': {
    de: 'Bitte mindestens {limit} Zeichen eingeben.',
    en: 'Please enter at least {limit} characters.',
  },
  'field.too_long': {
    de: 'Bitte höchstens {limit} Zeichen eingeben.',
    en: 'Please enter at most {limit} characters.',
  },
  'field.too_small': {
    de: 'Der Wert muss mindestens {limit} sein.',
    en: 'The value must be at least {limit}.',
  },
  'field.too_large': {
    de: 'Der Wert darf höchstens {limit} sein.',
    en: 'The value must be at most {limit}.',
  },
  'field.format': { de: 'Das Format stimmt nicht ({format}).', en: 'The format is not right ({format}).' },
  'field.type': {
    de: 'Hier wird ein anderer Datentyp erwartet ({type}).',
    en: 'A different type of value is expected here ({type}).',
  },
  'field.enum': {
    de: 'Bitte einen der erlaubten Werte wählen: {allowed}.',
    en: 'Please choose one of the allowed values: {allowed}.',
  },
  'field.unknown': {
    de: 'Das Feld „{name}“ ist hier nicht vorgesehen.',
    en: 'The field "{name}" is not expected here.',
  },
  'field.invalid': { de: 'Dieser Wert ist ungültig.', en: 'This value is invalid.' },
  'field.nul': {
    de: 'Dieser Wert enthält ein unzulässiges Steuerzeichen (NUL).',
    en: 'This value contains a character that is not allowed (NUL).',
  },
  // auth
  'auth.invalid_credentials': {
    de: 'E-Mail-Adresse oder Passwort stimmen nicht.',
    en: 'Email address or password is incorrect.',
  },
  'auth.throttled': {
    de: 'Zu viele Anmeldeversuche. Bitte warten Sie 15 Minuten oder melden Sie sich per E-Mail-Link an.',
    en: 'Too many sign-in attempts. Please wait 15 minutes or sign in with an email link.',
  },
  'auth.link_invalid': {
    de: 'Dieser Link ist abgelaufen oder wurde schon benutzt. Bitte fordern Sie einen neuen an.',
    en: 'This link has expired or was already used. Please request a new one.',
  },
  'auth.blocked': {
    de: 'Dieses Konto ist gesperrt. Bitte wenden Sie sich an die Verwaltung des Netzwerks.',
    en: 'This account is blocked. Please contact the network administrators.',
  },
  'auth.password_too_short': {
    de: 'Das Passwort muss mindestens {min} Zeichen lang sein.',
    en: 'The password must be at least {min} characters long.',
  },
  'auth.password_too_common': {
    de: 'Dieses Passwort ist zu bekannt oder leicht zu erraten. Bitte wählen Sie ein anderes, z. B. mehrere Wörter.',
    en: 'This password is too common or easy to guess. Please choose another, e.g. several words.',
  },
  'auth.assisted_session': {
    de: 'Sie sind mit einem Anmeldelink der Verwaltung angemeldet. Ein Passwort legen Sie fest, wenn Sie sich selbst angemeldet haben – mit einem Link per E-Mail.',
    en: 'You are signed in with a sign-in link from the administration. You can set a password once you have signed in yourself, with a link by email.',
  },
  'auth.password_wrong': {
    de: 'Das aktuelle Passwort stimmt nicht.',
    en: 'The current password is incorrect.',
  },
  'auth.email_taken': {
    de: 'Für diese E-Mail-Adresse gibt es schon ein Konto. Bitte melden Sie sich an.',
    en: 'There is already an account for this email address. Please sign in.',
  },
  'invitation.invalid': {
    de: 'Diese Einladung ist abgelaufen, wurde zurückgezogen oder schon angenommen.',
    en: 'This invitation has expired, was withdrawn or was already accepted.',
  },
  'invitation.other_account': {
    de: 'Diese Einladung gilt für eine andere E-Mail-Adresse. Bitte melden Sie sich ab und öffnen Sie den Link erneut.',
    en: 'This invitation is for another email address. Please sign out and open the link again.',
  },
  'membership.last_admin': {
    de: 'Die letzte Administratorin bzw. der letzte Administrator kann nicht entfernt werden. Ernennen Sie zuerst eine andere Person.',
    en: 'The last administrator cannot be removed. Appoint someone else first.',
  },
  'district.invalid_geojson': {
    de: 'Die Datei ist kein gültiges GeoJSON mit Flächen (Polygon oder MultiPolygon) und einem Namen je Fläche.',
    en: 'The file is not valid GeoJSON with areas (Polygon or MultiPolygon) and a name for each.',
  },
  'flag.circle': {
    de: 'Inhalte aus Unterstützungskreisen werden nicht der Verwaltung gemeldet. Bitte sprechen Sie die Koordination des Kreises an.',
    en: 'Content of support circles is not reported to the administration. Please talk to the circle’s coordinators.',
  },
  'flag.resolved': {
    de: 'Diese Meldung wurde schon bearbeitet.',
    en: 'This report has already been dealt with.',
  },
  'account.sign_in_link_self': {
    de: 'Für Ihr eigenes Konto brauchen Sie keinen Anmeldelink der Verwaltung.',
    en: 'You do not need an administration sign-in link for your own account.',
  },
  'account.sign_in_link_blocked': {
    de: 'Dieses Konto ist gesperrt. Heben Sie die Sperre zuerst auf.',
    en: 'This account is blocked. Lift the block first.',
  },
  'account.block_self': {
    de: 'Sie können Ihr eigenes Konto nicht sperren.',
    en: 'You cannot block your own account.',
  },
  'interaction.self': {
    de: 'Eine Begegnung braucht eine andere Person oder Organisation.',
    en: 'An interaction needs another person or organisation.',
  },
  'interaction.unknown_party': {
    de: 'Diese Person oder Organisation gibt es im Netzwerk nicht.',
    en: 'This person or organisation is not part of the network.',
  },
  'interaction.future': {
    de: 'Eine Begegnung kann nicht in der Zukunft liegen.',
    en: 'An interaction cannot lie in the future.',
  },
  'interaction.pending_exists': {
    de: '{name} hat Ihre letzte Begegnung noch nicht bestätigt. Sie können eine weitere eintragen, sobald {name} geantwortet hat.',
    en: '{name} has not confirmed your last interaction yet. You can log another one once {name} has answered.',
  },
  'interaction.declined_recently': {
    de: '{name} hat vor Kurzem eine Begegnung abgelehnt, die Sie eingetragen hatten. Danach können Sie {days} Tage lang keine neue mit {name} eintragen; {name} kann eine Begegnung mit Ihnen aber selbst eintragen.',
    en: '{name} recently declined an interaction you had logged. For {days} days after that you cannot log a new one with {name}; {name} can still log one with you.',
  },
  'interaction.confirm_own': {
    de: 'Bestätigen kann nur die Person, mit der Sie die Begegnung eingetragen haben.',
    en: 'Only the person you logged the interaction with can confirm it.',
  },
  'interaction.not_by_hand': {
    de: 'Diese Begegnung kommt aus einer Aktivität (etwa einer Ausleihe, einer Schicht oder einer Zeitgutschrift) und bleibt mit ihr bestehen.',
    en: 'This interaction comes from an activity (such as a loan, a shift or a time-credit transfer) and stays with it.',
  },
  // Teilen: time bank
  'timebank.insufficient_credit': {
    de: 'Dafür reicht das Zeitguthaben nicht: verfügbar sind noch {available} Minuten.',
    en: 'There are not enough time credits for this: {available} minutes are still available.',
  },
  'timebank.need_credit': {
    de: 'Unterstützungskreis: Hilfe erledigt',
    en: 'Support circle: help given',
  },
  'timebank.same_account': {
    de: 'Zahlendes und empfangendes Konto müssen verschieden sein.',
    en: 'The paying and the receiving account must be different.',
  },
  'timebank.idempotency_key_required': {
    de: 'Bitte senden Sie einen Idempotency-Key-Header (8–100 Zeichen), damit eine Überweisung nie doppelt ausgeführt wird.',
    en: 'Please send an Idempotency-Key header (8–100 characters) so that a transfer is never made twice.',
  },
  'timebank.idempotency_mismatch': {
    de: 'Dieser Idempotency-Key wurde schon für eine andere Überweisung verwendet.',
    en: 'This idempotency key was already used for a different transfer.',
  },
  'timebank.not_requested': {
    de: 'Diese Überweisung wartet nicht mehr auf eine Entscheidung (Status: {status}).',
    en: 'This transfer is no longer waiting for a decision (status: {status}).',
  },
  'timebank.not_completed': {
    de: 'Nur ausgeführte Überweisungen können storniert werden (Status: {status}).',
    en: 'Only completed transfers can be reversed (status: {status}).',
  },
  'timebank.reversal_overdraws': {
    de: 'Die Stornierung würde das Konto von {name} unter sein Kreditlimit bringen.',
    en: 'The reversal would take the account of {name} below its credit limit.',
  },
  'timebank.limit_below_balance': {
    de: 'Das Kreditlimit kann nicht kleiner sein als der aktuelle Minusstand ({debt} Minuten).',
    en: 'The credit limit cannot be lower than the current debt ({debt} minutes).',
  },
  'timebank.pool_limit': {
    de: 'Nur der Gemeinschaftstopf darf ohne Kreditlimit sein.',
    en: 'Only the community pool may have no credit limit.',
  },
  'timebank.source_not_found': {
    de: 'Die verknüpfte Buchung gibt es nicht.',
    en: 'The linked booking does not exist.',
  },
  // Teilen: resources and bookings
  'booking.conflict': {
    de: 'Dieser Zeitraum überschneidet sich mit einer bestätigten Buchung: {slot}.',
    en: 'This time overlaps a confirmed booking: {slot}.',
  },
  'booking.outside_availability': {
    de: '{slot} liegt außerhalb der Zeiten, zu denen „{resource}“ verfügbar ist.',
    en: '{slot} is outside the times when "{resource}" is available.',
  },
  'booking.blocked': {
    de: '„{resource}“ ist in dieser Zeit nicht verfügbar ({blocked}). {reason}',
    en: '"{resource}" is not available at this time ({blocked}). {reason}',
  },
  'booking.invalid_period': {
    de: 'Das Ende muss nach dem Beginn liegen.',
    en: 'The end must be after the start.',
  },
  'booking.in_past': {
    de: 'Eine Buchung kann nicht in der Vergangenheit beginnen.',
    en: 'A booking cannot start in the past.',
  },
  'booking.wrong_status': {
    de: 'Das geht bei dieser Buchung nicht mehr (Status: {status}).',
    en: 'This is no longer possible for this booking (status: {status}).',
  },
  'booking.series_too_long': {
    de: 'Eine Serie kann höchstens {max} Termine haben. Bitte wählen Sie ein früheres Enddatum.',
    en: 'A series can have at most {max} dates. Please choose an earlier end date.',
  },
  'booking.not_for_organisation': {
    de: 'Sie können nur für eine Organisation buchen, für die Sie tätig sind.',
    en: 'You can only book for an organisation you act for.',
  },
  'resource.capacity_rooms_only': {
    de: 'Eine Personenzahl gibt es nur bei Räumen.',
    en: 'Only rooms have a capacity.',
  },
  'resource.photo_type': {
    de: 'Bitte laden Sie ein Foto als JPEG, PNG oder WebP hoch.',
    en: 'Please upload a photo as JPEG, PNG or WebP.',
  },
  'resource.photo_too_large': {
    de: 'Das Foto ist zu groß (höchstens {mb} MB).',
    en: 'The photo is too large (at most {mb} MB).',
  },
  'upload.malformed': {
    de: 'Die hochgeladenen Daten sind unvollständig oder fehlerhaft. Bitte versuchen Sie es noch einmal.',
    en: 'The uploaded data is incomplete or malformed. Please try again.',
  },
  'upload.unexpected_parts': {
    de: 'Bitte senden Sie eine Datei und nur die vorgesehenen Felder.',
    en: 'Please send one file and only the expected fields.',
  },
  'upload.image_too_many_pixels': {
    de: 'Das Bild hat zu viele Bildpunkte (höchstens {megapixels} Megapixel). Bitte verkleinern Sie es oder senden Sie eine kleinere Fassung.',
    en: 'The image has too many pixels (at most {megapixels} megapixels). Please scale it down or send a smaller copy.',
  },
  'resource.photo_limit': {
    de: 'Eine Ressource kann höchstens {max} Fotos haben.',
    en: 'A resource can have at most {max} photos.',
  },
  'resource.photo_alt_required': {
    de: 'Bitte beschreiben Sie kurz, was auf dem Foto zu sehen ist (für Menschen, die es nicht sehen können).',
    en: 'Please describe briefly what the photo shows (for people who cannot see it).',
  },
  'exchange.post_closed': {
    de: 'Dieser Eintrag ist nicht mehr aktiv. Antworten sind nicht mehr möglich.',
    en: 'This post is no longer active. It cannot be answered any more.',
  },
  // Mitmachen: opportunities, shifts, hours, playbook
  'opportunity.mini_rules': {
    de: 'Eine Mini-Aufgabe dauert höchstens 2 Stunden und findet nur einmal statt (ein Termin).',
    en: 'A mini task takes at most 2 hours and happens only once (one date).',
  },
  'opportunity.mini_effort': {
    de: 'Bei einem Mini-Einsatz bitte den Zeitaufwand angeben: höchstens 120 Minuten.',
    en: 'For a mini task please give the time it takes: at most 120 minutes.',
  },
  'opportunity.lead_stays': {
    de: 'Die federführende Organisation bleibt: Sie lässt sich weder entfernen noch austauschen.',
    en: 'The lead organisation stays: it cannot be removed or replaced.',
  },
  'opportunity.partners_by_lead': {
    de: 'Partner einladen oder entfernen kann nur die federführende Organisation. Ihre eigene Organisation können Sie austreten lassen.',
    en: 'Only the lead organisation invites or removes partners. You can take your own organisation out.',
  },
  'opportunity.partner_answered': {
    de: 'Diese Einladung ist schon angenommen. Wenn Ihre Organisation nicht mehr mitmachen soll, treten Sie aus.',
    en: 'This invitation has already been accepted. If your organisation should no longer take part, leave instead.',
  },
  'opportunity.not_published': {
    de: 'Dieses Angebot ist nicht veröffentlicht.',
    en: 'This opportunity is not published.',
  },
  'shift.full': {
    de: 'Diese Schicht ist voll.',
    en: 'This shift is full.',
  },
  'shift.already_signed_up': {
    de: 'Sie sind für diese Schicht schon angemeldet oder auf der Warteliste.',
    en: 'You are already signed up for this shift or on its waitlist.',
  },
  'shift.over': {
    de: 'Diese Schicht ist schon vorbei.',
    en: 'This shift is already over.',
  },
  'shift.not_started': {
    de: 'Die Schicht hat noch nicht begonnen.',
    en: 'The shift has not started yet.',
  },
  'shift.check_in_not_yet': {
    de: 'Einchecken ist ab einer Stunde vor Beginn möglich.',
    en: 'Check-in opens one hour before the start.',
  },
  'shift.wrong_status': {
    de: 'Das geht bei dieser Anmeldung nicht mehr (Status: {status}).',
    en: 'This is no longer possible for this sign-up (status: {status}).',
  },
  'shift.capacity_below_signed_up': {
    de: 'Es sind schon {signedUp} Personen angemeldet. Die Plätze können nicht darunter sinken.',
    en: '{signedUp} people are already signed up. The capacity cannot go below that.',
  },
  'shift.invalid_period': {
    de: 'Das Ende muss nach dem Beginn liegen, höchstens 24 Stunden später.',
    en: 'The end must be after the start, at most 24 hours later.',
  },
  'hours.already_decided': {
    de: 'Über diese Stunden wurde schon entschieden (Status: {status}).',
    en: 'These hours have already been decided (status: {status}).',
  },
  'hours.not_own': {
    de: 'Die eigenen Stunden bestätigt jemand anderes aus der Organisation.',
    en: 'Someone else from the organisation confirms your own hours.',
  },
  'hours.in_future': {
    de: 'Stunden können erst nach der Tätigkeit eingetragen werden.',
    en: 'Hours can only be logged after the activity.',
  },
  'playbook.stale_revision': {
    de: 'Die Seite wurde inzwischen geändert (jetzt Version {current}). Bitte laden Sie sie neu und übernehmen Sie Ihre Änderungen.',
    en: 'The page was changed in the meantime (now version {current}). Please reload it and apply your changes again.',
  },
  'certificate.title': { de: 'Ehrenamtsnachweis', en: 'Volunteer certificate' },
  'certificate.intro': {
    de: '{name} hat sich im Netzwerk {network} ehrenamtlich engagiert. Die folgenden Tätigkeiten wurden von den ausstellenden Organisationen bestätigt.',
    en: '{name} has volunteered in the network {network}. The following activities were confirmed by the issuing organisations.',
  },
  'certificate.date': { de: 'Datum', en: 'Date' },
  'certificate.activity': { de: 'Tätigkeit', en: 'Activity' },
  'certificate.organisation': { de: 'Organisation', en: 'Organisation' },
  'certificate.hours': { de: 'Stunden', en: 'Hours' },
  'certificate.total': { de: 'Insgesamt', en: 'Total' },
  'certificate.per_organisation': { de: 'Nach Organisation', en: 'By organisation' },
  'certificate.none': {
    de: 'Bisher sind keine bestätigten Stunden verzeichnet.',
    en: 'No confirmed hours are recorded yet.',
  },
  'certificate.issued': { de: 'Ausgestellt am {date}', en: 'Issued on {date}' },
  'email.shift_promoted.subject': {
    de: 'Sie haben einen Platz: {title}',
    en: 'You have a place: {title}',
  },
  'email.shift_promoted.body': {
    de: 'Guten Tag {name},\n\nes ist ein Platz frei geworden. Sie sind jetzt für „{title}“ angemeldet: {slot}.\n\nWenn Sie doch nicht können, melden Sie sich bitte hier ab, damit jemand anderes nachrücken kann:\n\n{link}',
    en: 'Hello {name},\n\na place has become free. You are now signed up for "{title}": {slot}.\n\nIf you cannot come after all, please withdraw here so that someone else can take the place:\n\n{link}',
  },
  'email.shift_message.body': {
    de: 'Nachricht zu „{title}“ ({slot}) von {sender}:\n\n{body}\n\n{link}',
    en: 'Message about "{title}" ({slot}) from {sender}:\n\n{body}\n\n{link}',
  },
  // emails
  'email.login.subject': { de: 'Ihr Anmeldelink für {network}', en: 'Your sign-in link for {network}' },
  'email.login.body': {
    de: 'Guten Tag {name},\n\nmit diesem Link melden Sie sich bei {network} an. Er gilt {minutes} Minuten und nur einmal:\n\n{link}\n\nWenn Sie das nicht angefordert haben, können Sie diese E-Mail einfach löschen.',
    en: 'Hello {name},\n\nuse this link to sign in to {network}. It is valid for {minutes} minutes and only once:\n\n{link}\n\nIf you did not ask for it, you can simply delete this email.',
  },
  'email.sign_in_link_created.subject': {
    de: 'Die Verwaltung von {network} hat einen Anmeldelink für Sie erstellt',
    en: 'The administration of {network} made a sign-in link for you',
  },
  'email.sign_in_link_created.body': {
    de: 'Guten Tag {name},\n\n{admin} aus der Verwaltung von {network} hat am {at} einen Anmeldelink für Ihr Konto erstellt, um Ihnen ohne E-Mail hineinzuhelfen. Als Grund wurde angegeben: „{reason}“\n\nDer Link gilt {minutes} Minuten und nur einmal. Wer damit angemeldet ist, sieht Ihre Unterstützungskreise nicht und kann kein Passwort festlegen. Unter „Profil → Kontoaktivität“ sehen Sie, wann er benutzt wurde.\n\nWenn Sie das nicht wollten, melden Sie sich bitte überall ab (Profil → Überall abmelden) und sprechen Sie die Verwaltung an.',
    en: 'Hello {name},\n\n{admin} of the administration of {network} made a sign-in link for your account on {at}, to help you in without email. The reason given: “{reason}”\n\nThe link is valid for {minutes} minutes and only once. Whoever is signed in with it does not see your support circles and cannot set a password. Under “Profile → Account activity” you see when it was used.\n\nIf you did not want this, please sign out everywhere (Profile → Sign out everywhere) and talk to the administration.',
  },
  'email.invitation.subject': {
    de: '{inviter} lädt Sie zu {organisation} ein',
    en: '{inviter} invites you to {organisation}',
  },
  'email.invitation.body': {
    de: 'Guten Tag,\n\n{inviter} lädt Sie ein, bei {organisation} im Netzwerk {network} mitzumachen (Rolle: {role}).\n\nMit diesem Link nehmen Sie die Einladung an. Er gilt {days} Tage:\n\n{link}\n\nSie brauchen dafür kein Passwort.',
    en: 'Hello,\n\n{inviter} invites you to join {organisation} in the network {network} (role: {role}).\n\nUse this link to accept. It is valid for {days} days:\n\n{link}\n\nYou do not need a password.',
  },
  'role.admin': { de: 'Administration', en: 'Administrator' },
  'role.staff': { de: 'Mitarbeit', en: 'Staff' },
  'role.volunteer': { de: 'Ehrenamt', en: 'Volunteer' },
  // Unterstützungskreise
  'circle.frozen': {
    de: 'Dieser Kreis ist eingefroren, weil die Einwilligung widerrufen oder die Löschung beantragt wurde. Ändern kann man erst wieder, wenn die Einwilligung erneuert wird.',
    en: 'This circle is frozen because consent was withdrawn or deletion was requested. Nothing can be changed until consent is renewed.',
  },
  'circle.owner_stays': {
    de: 'Die Person im Mittelpunkt und ihre Vertretung bleiben im Kreis.',
    en: 'The person at the centre and their proxy stay in the circle.',
  },
  'circle.person_has_account': {
    de: 'Die Person im Mittelpunkt ist schon dabei.',
    en: 'The person at the centre has already joined.',
  },
  'circle.invitation_invalid': {
    de: 'Dieser Einladungslink gilt nicht mehr. Bitten Sie um einen neuen.',
    en: 'This invitation link is no longer valid. Please ask for a new one.',
  },
  'circle.invitation_other_account': {
    de: 'Diese Einladung gilt für eine andere E-Mail-Adresse. Bitte melden Sie sich zuerst ab.',
    en: 'This invitation is for another email address. Please sign out first.',
  },
  'circle.invitation_sign_in_first': {
    de: 'Zu dieser E-Mail-Adresse gibt es schon ein Konto. Bitte melden Sie sich an und öffnen Sie den Link dann noch einmal.',
    en: 'There is already an account with this email address. Please sign in, then open the link again.',
  },
  'circle.need_taken': {
    de: 'Das hat gerade schon jemand anderes übernommen.',
    en: 'Someone else has just taken this on.',
  },
  'circle.need_done': { de: 'Das ist schon erledigt.', en: 'This is already done.' },
  'circle.need_not_claimed': {
    de: 'Das hat noch niemand übernommen.',
    en: 'Nobody has taken this on yet.',
  },
  'circle.credit_self': {
    de: 'Eine Zeitgutschrift geht an die Person, die geholfen hat – nicht an Sie selbst.',
    en: 'A time credit goes to the person who helped – not to yourself.',
  },
  'circle.credit_insufficient': {
    de: 'Nichts wurde eingetragen: Auf diesem Zeitkonto sind nur noch {available} Minuten verfügbar. Schenken Sie weniger Zeit oder wählen Sie ein anderes Konto.',
    en: 'Nothing was saved: this time account has only {available} minutes left. Give less time or choose another account.',
  },
  'circle.credit_payer': {
    de: 'Zahlen können Sie nur von Ihrem eigenen Zeitkonto oder dem einer Organisation, für die Sie handeln.',
    en: 'You can only pay from your own time account or from that of an organisation you act for.',
  },
  'circle.end_before_start': {
    de: 'Das Ende muss nach dem Beginn und am selben oder nächsten Tag liegen.',
    en: 'The end must be after the start and within a day.',
  },
  'circle.until_before_start': {
    de: 'Das Ende der Wiederholung muss nach dem ersten Termin liegen.',
    en: 'The repetition must end after the first date.',
  },
  'circle.tie_to_itself': {
    de: 'Eine Verbindung braucht zwei verschiedene Personen.',
    en: 'A tie needs two different people.',
  },
  'circle.unknown_entry': {
    de: 'Diese Person steht nicht auf der Karte.',
    en: 'This person is not on the map.',
  },
  'circle.unknown_account': { de: 'Dieses Konto gibt es nicht.', en: 'This account does not exist.' },
  'circle.unknown_organisation': {
    de: 'Diese Organisation gibt es nicht.',
    en: 'This organisation does not exist.',
  },
  'circle.not_for_organisation': {
    de: 'Für jemand anderen können Sie einen Kreis nur als Mitarbeiterin oder Mitarbeiter dieser Organisation anlegen.',
    en: 'You can open a circle for someone else only as staff of this organisation.',
  },
  'circle.legal_basis_required': {
    de: 'Bitte nennen Sie die Rechtsgrundlage Ihrer Organisation (die Einwilligung allein reicht oft nicht).',
    en: 'Please state your organisation’s legal basis (consent alone is often not enough).',
  },
  'circle.deletion_pending': {
    de: 'Die Löschung ist schon beantragt.',
    en: 'Deletion has already been requested.',
  },
  'circle.deletion_not_pending': {
    de: 'Es ist keine Löschung beantragt, oder die Frist ist vorbei.',
    en: 'No deletion is pending, or the grace period is over.',
  },
  'circle.attachment_type': {
    de: 'Anhängen können Sie Bilder (JPEG, PNG oder WebP) und PDF-Dokumente.',
    en: 'You can attach images (JPEG, PNG or WebP) and PDF documents.',
  },
  'circle.attachment_too_large': {
    de: 'Die Datei ist zu groß (höchstens {mb} MB).',
    en: 'The file is too large (at most {mb} MB).',
  },
  'circle.attachment_limit': {
    de: 'Eine Neuigkeit kann höchstens {max} Anhänge haben.',
    en: 'An update can have at most {max} attachments.',
  },
  'circle.attachment_alt_required': {
    de: 'Bitte beschreiben Sie kurz, was auf dem Bild zu sehen ist (für Menschen, die es nicht sehen können).',
    en: 'Please describe briefly what the image shows (for people who cannot see it).',
  },
  'circle.attachment_not_author': {
    de: 'Anhänge fügt nur hinzu, wer die Neuigkeit geschrieben hat.',
    en: 'Only the author of an update can add attachments to it.',
  },
  'email.circle_invitation.subject': {
    de: '{inviter} lädt Sie in einen Unterstützungskreis ein',
    en: '{inviter} invites you to a support circle',
  },
  'email.circle_invitation.body': {
    de: 'Guten Tag,\n\n{inviter} lädt Sie in einen Unterstützungskreis im Netzwerk {network} ein.\n\nMit diesem Link treten Sie bei. Er gilt {days} Tage und nur einmal:\n\n{link}\n\nSie brauchen dafür kein Passwort.',
    en: 'Hello,\n\n{inviter} invites you to a support circle in the network {network}.\n\nUse this link to join. It is valid for {days} days and only once:\n\n{link}\n\nYou do not need a password.',
  },
  'email.circle.need_unclaimed.subject': {
    de: 'Noch niemand hat übernommen: {title}',
    en: 'Nobody has taken this on yet: {title}',
  },
  'email.circle.need_unclaimed.body': {
    de: 'Guten Tag,\n\nfür „{title}“ ({when}) hat sich noch niemand gemeldet. Bitte schauen Sie in den Kreis.',
    en: 'Hello,\n\nnobody has taken on “{title}” ({when}) yet. Please have a look at the circle.',
  },
  'email.circle.need_reminder.subject': { de: 'Erinnerung: {title}', en: 'Reminder: {title}' },
  'email.circle.need_reminder.body': {
    de: 'Guten Tag,\n\nSie haben „{title}“ übernommen: {when}. Vielen Dank!',
    en: 'Hello,\n\nyou have taken on “{title}”: {when}. Thank you!',
  },
} satisfies Catalogue;

export type MessageKey = keyof typeof messages;

export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = messages[key][locale];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Picks the first supported language from an Accept-Language header; German by default. */
export function negotiateLocale(header: string | undefined): Locale {
  if (!header) return 'de';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => !Number.isNaN(x.q))
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if (lang === 'de' || lang === 'en') return lang;
  return 'de';
}

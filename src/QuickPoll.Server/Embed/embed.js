/* QuickPoll for any page: <quickpoll-*> custom elements in the light DOM (the page's fonts and --qp-* theme apply) and an
   outbox that keeps every submission in localStorage until the server has it, sent with one Idempotency-Key so it
   counts once. Hand-written ES2020, no framework, no build step; served by MapQuickPoll() at /quickpoll/embed.js, which
   drops comment lines and indentation before compressing it. */
(() => {
'use strict';
const d = document, W = window,
  SRC = (d.currentScript || d.querySelector('script[src*="/quickpoll/embed.js"]'))?.src || '',
  API = SRC.replace(/\/quickpoll\/embed\.js([?#].*)?$/, '') + '/api/v1';

// Texts as QuickPoll.Components says them; plural forms are [one, few, many, other] (English: [one, other]).
const EN = {
  send: 'Send rating', sending: 'Sending your rating…', thanks: 'Thanks for your rating!', fail: 'Sorry, your rating could not be sent.',
  choose: 'Choose an answer first.', chooseStars: 'Choose 1 to 5 stars first.', retry: 'Try again', rated: 'Rated {0} of {1}', star: '{0} of {1} stars',
  queued: 'Saved on this device: it will be sent once the connection is back.',
  stars: 'Rate this product', thumbs: 'Do you like this product?', nps: 'How likely are you to recommend us to a friend?',
  csat: 'How satisfied are you with this product?', ces: 'How easy was it to find what you needed?',
  thumbsO: ['Thumbs down', 'Thumbs up'], csatO: ['Very unsatisfied', 'Unsatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
  npsE: ['Not at all likely', 'Extremely likely'], cesE: ['Very difficult', 'Very easy'],
  count: ['{0} rating', '{0} ratings'], starsN: ['{0} star', '{0} stars'], none: 'No ratings yet',
  unavail: 'Ratings are unavailable right now.', loading: 'Loading ratings…', dist: 'Ratings by number of stars',
  pLoading: 'Loading the poll…', pGone: 'This poll is no longer available.', pFail: 'Sorry, the poll could not be loaded.', vote: 'Vote',
  pSending: 'Sending your vote…', pThanks: 'Thanks for voting! Here are the results.', pClosed: 'This poll is closed. These are its results.',
  pMany: 'You may choose more than one answer.', pVoteFail: 'Sorry, your vote could not be sent.', votes: ['{0} vote', '{0} votes'], results: 'Results',
  cLabel: 'Write a review', cText: 'Your review', cCounter: '{0} of {1} characters', cRating: 'Your rating (optional)',
  cName: 'Name shown with your review (optional)', cTrap: 'Website', cSend: 'Send review', cSending: 'Sending your review…',
  cPub: 'Thanks! Your review is published.', cHeld: 'Thanks! Your review will appear once it has been checked.',
  cEmpty: 'Write your review first.', cFail: 'Sorry, your review could not be sent.',
  rLabel: 'Reviews', rLoading: 'Loading reviews…', rNone: 'No reviews yet.', rUnavail: 'Reviews are unavailable right now.',
  rMore: 'Show more reviews', verified: 'Verified purchase', anon: 'Anonymous', reviews: ['{0} review', '{0} reviews'],
  yLabel: 'How we collect reviews', yLoading: 'Loading how reviews are collected…',
  yUnavail: 'Information on how reviews are collected is unavailable right now.',
  yFlagged: 'Reviews appear at once, unless they contain a link or a blocked word: our staff check those first.',
  yHold: 'Our staff check every review before it appears.',
  yVer: 'Reviews from customers who bought the product are marked “Verified purchase”; other reviews are shown without the mark.',
  yNot: 'We do not check whether reviewers bought the product.',
  yOne: 'Each visitor\'s rating counts once: a second rating replaces the first.',
  yEvery: 'Every rating counts on its own: we do not limit how often one person rates.'
};
const PL = {
  send: 'Wyślij ocenę', sending: 'Wysyłanie oceny…', thanks: 'Dziękujemy za ocenę!', fail: 'Niestety nie udało się wysłać oceny.',
  choose: 'Najpierw wybierz odpowiedź.', chooseStars: 'Najpierw wybierz od 1 do 5 gwiazdek.', retry: 'Spróbuj ponownie', rated: 'Ocena {0} z {1}',
  star: '{0} z {1} gwiazdek', queued: 'Zapisano na tym urządzeniu: wyślemy, gdy wróci połączenie.',
  stars: 'Oceń ten produkt', thumbs: 'Czy podoba Ci się ten produkt?', nps: 'Jak bardzo prawdopodobne jest, że polecisz nas znajomym?',
  csat: 'Jak oceniasz swoje zadowolenie z produktu?', ces: 'Jak łatwo było znaleźć to, czego szukasz?',
  thumbsO: ['Kciuk w dół', 'Kciuk w górę'], csatO: ['Bardzo źle', 'Źle', 'Tak sobie', 'Dobrze', 'Bardzo dobrze'],
  npsE: ['Zupełnie nieprawdopodobne', 'Bardzo prawdopodobne'], cesE: ['Bardzo trudno', 'Bardzo łatwo'],
  count: ['{0} ocena', '{0} oceny', '{0} ocen', '{0} oceny'], starsN: ['{0} gwiazdka', '{0} gwiazdki', '{0} gwiazdek', '{0} gwiazdki'],
  none: 'Brak ocen', unavail: 'Oceny są teraz niedostępne.', loading: 'Wczytywanie ocen…', dist: 'Oceny według liczby gwiazdek',
  pLoading: 'Wczytywanie ankiety…', pGone: 'Ta ankieta nie jest już dostępna.', pFail: 'Niestety nie udało się wczytać ankiety.', vote: 'Głosuj',
  pSending: 'Wysyłanie głosu…', pThanks: 'Dziękujemy za głos! Oto wyniki.', pClosed: 'Ankieta jest zamknięta. Oto jej wyniki.',
  pMany: 'Możesz wybrać więcej niż jedną odpowiedź.', pVoteFail: 'Niestety nie udało się wysłać głosu.',
  votes: ['{0} głos', '{0} głosy', '{0} głosów', '{0} głosu'], results: 'Wyniki',
  cLabel: 'Napisz opinię', cText: 'Twoja opinia', cCounter: '{0} z {1} znaków', cRating: 'Twoja ocena (opcjonalnie)',
  cName: 'Podpis pod opinią (opcjonalnie)', cTrap: 'Strona internetowa', cSend: 'Wyślij opinię', cSending: 'Wysyłanie opinii…',
  cPub: 'Dziękujemy! Twoja opinia jest już widoczna.', cHeld: 'Dziękujemy! Opinia pojawi się po sprawdzeniu.',
  cEmpty: 'Najpierw napisz opinię.', cFail: 'Niestety nie udało się wysłać opinii.',
  rLabel: 'Opinie', rLoading: 'Wczytywanie opinii…', rNone: 'Nie ma jeszcze opinii.', rUnavail: 'Opinie są teraz niedostępne.',
  rMore: 'Pokaż więcej opinii', verified: 'Potwierdzony zakup', anon: 'Anonim', reviews: ['{0} opinia', '{0} opinie', '{0} opinii', '{0} opinii'],
  yLabel: 'Jak zbieramy opinie', yLoading: 'Wczytywanie zasad zbierania opinii…',
  yUnavail: 'Informacje o tym, jak zbieramy opinie, są chwilowo niedostępne.',
  yFlagged: 'Opinie pojawiają się od razu, chyba że zawierają link lub zablokowane słowo: takie najpierw sprawdza nasz zespół.',
  yHold: 'Każdą opinię przed publikacją sprawdza nasz zespół.',
  yVer: 'Opinie klientów, którzy kupili produkt, oznaczamy jako „Potwierdzony zakup”; pozostałe publikujemy bez tego oznaczenia.',
  yNot: 'Nie sprawdzamy, czy autorzy opinii kupili produkt.',
  yOne: 'Ocena każdej odwiedzającej osoby liczy się raz: kolejna zastępuje poprzednią.',
  yEvery: 'Każda ocena liczy się osobno: nie ograniczamy, jak często jedna osoba ocenia.'
};
const SCALE = { stars: [1, 5], thumbs: [0, 1], nps: [0, 10], csat: [1, 5], ces: [1, 7] },
  STAR = 'M12 2.6l2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.5l-5.9 3.1 1.2-6.5L2.5 9.5l6.6-.9z',
  THUMB = 'M7 10v11H3V10zm2 11h8.3a2 2 0 0 0 2-1.6l1.6-7.2A2 2 0 0 0 18.9 10H14l.8-4.1a1.8 1.8 0 0 0-3.3-1.3L9 9.4z',
  MOUTH = ['M8 17q4-4 8 0', 'M8.5 16.5q3.5-2 7 0', 'M8.5 15.5h7', 'M8.5 14.5q3.5 2 7 0', 'M8 14q4 4.5 8 0'],
  STATUS = '<p class=qp-s role=status aria-live=polite></p>';
let ids = 0;

// The script's own markup comes from templates: numbers are coerced, the page's own attributes escaped, and anything
// the server or a visitor wrote is only ever set as textContent.
const fmt = (s, ...a) => s.replace(/\{(\d)\}/g, (_, i) => a[i]);
const esc = s => s.replace(/[&<>"]/g, c => `&#${c.charCodeAt(0)};`);
const put = (el, html) => {
  el.insertAdjacentHTML('beforeend', html);
  // Widths through CSSOM: a style attribute would need 'unsafe-inline' in the page's CSP.
  for (const x of el.querySelectorAll('[data-w]')) x.style.width = x.dataset.w + '%';
};
const text = (el, s) => { el.textContent = s; };
const icon = (k, v, fill = '') => `<svg class="qp-g${fill}${k == 'thumbs' && !v ? ' qp-down' : ''}" viewBox="0 0 24 24" aria-hidden=true focusable=false>` +
  (k == 'csat' ? `<circle cx=12 cy=12 r=9.5 /><circle cx=9 cy=10 r=1.2 /><circle cx=15 cy=10 r=1.2 /><path fill=none d="${MOUTH[v - 1]}"/>`
    : `<path d="${k == 'thumbs' ? THUMB : STAR}"/>`) + '</svg>';
const stars = (v, label) => `<span class=qp-ro role=img aria-label="${label}">${[1, 2, 3, 4, 5].map(i => icon('stars', i, i <= v ? ' qp-fill' : '')).join('')}</span>`;
const bar = pct => `<span class=qp-bar aria-hidden=true><span data-w=${+pct || 0}></span></span>`;
const fire = (name, detail) => d.dispatchEvent(new CustomEvent('quickpoll:' + name, { detail }));
const listen = (name, fn) => d.addEventListener('quickpoll:' + name, e => fn(e.detail));
const key = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), b => (b + 256).toString(16).slice(1)).join('');

/* The outbox. Each submission is stored before it is sent and removed once the server answers 2xx, or a 4xx that no
   retry can fix; on a network error, a timeout, 408, 429 or 5xx it stays and is retried with exponential backoff and
   jitter (Retry-After first): at load, when the connection returns and, with keepalive, when the page is hidden or
   left. The server stores one write per Idempotency-Key (for 24 hours), so a lost response or a second tab never
   counts an answer twice. At most 50 entries, none older than the key's lifetime. */
const BOX = 'quickpoll-outbox', waiting = new Map(), busy = new Set();
let memory = [], timer;
const load = () => { try { return JSON.parse(localStorage.getItem(BOX)) || []; } catch { return memory; } };
const save = list => { try { localStorage.setItem(BOX, JSON.stringify(list)); } catch { memory = list; } };
function queue(url, body, headers, credentials, done, k = key()) {
  const entry = { k, url, body, headers: { ...headers, 'Idempotency-Key': k }, credentials, t: Date.now(), at: 0, n: 0 };
  save([...load().filter(e => e.k != k), entry].slice(-50));
  waiting.set(k, done);
  deliver(entry);
}
function flush(leaving) {
  const now = Date.now(), list = load().filter(e => now - e.t < 864e5);
  save(list);
  for (const e of list) if (!busy.has(e.k) && (leaving || e.at <= now)) deliver(e, leaving);
  schedule();
}
function schedule() {
  clearTimeout(timer);
  const next = Math.min(...load().filter(e => !busy.has(e.k)).map(e => e.at));
  if (next < 1e99) timer = setTimeout(flush, Math.max(next - Date.now(), 500));
}
async function deliver(e, leaving) {
  busy.add(e.k);
  const abort = new AbortController(), timeout = setTimeout(() => abort.abort(), 15e3);
  let r, data = {};
  try {
    r = await fetch(e.url, { method: 'POST', body: e.body, headers: e.headers, credentials: e.credentials, keepalive: !!leaving, signal: abort.signal });
    data = await r.json().catch(() => data);
  } catch { r = 0; }
  clearTimeout(timeout);
  busy.delete(e.k);
  const s = r && r.status, done = waiting.get(e.k), list = load(), mine = list.find(x => x.k == e.k);
  if (s && s < 500 && s != 408 && s != 429) {
    save(list.filter(x => x != mine));
    waiting.delete(e.k);
    if (r.ok && data.summary) fire('summary', data.summary);
    done?.(r.ok, data);
  } else {
    if (mine) {
      const after = r && r.headers.get('Retry-After');
      mine.at = Date.now() + (after ? +after * 1e3 || Date.parse(after) - Date.now() : Math.min(3e5, 1e3 * 2 ** ++mine.n) * (0.5 + Math.random()));
      save(list);
    }
    done?.(null, data);
  }
  schedule();
}

// What every element shares: its language, the context it sits in, its calls and its form's states.
class Element extends HTMLElement {
  connectedCallback() {
    // Drawn once; an element the server already rendered (tag helpers) keeps its markup and is enhanced as a form.
    if (this.qp || this.firstElementChild) return;
    const lang = this.closest('[lang]')?.lang || '';
    this.qp = 1;
    this.locale = /^[a-z][a-z\d-]{1,34}$/i.test(lang) ? lang : undefined;
    this.L = /^pl\b/i.test(lang) ? 'pl' : 'en';
    this.t = this.L == 'pl' ? PL : EN;
    this.kind = this.getAttribute('kind') || 'stars';
    this.classList.add('qp-root');
    this.draw(this.t, this.getAttribute('target'), this.getAttribute('label'));
  }

  // An attribute of the element, else of the nearest <quickpoll-context> that has it.
  ctx(name) {
    for (let e = this; e; e = e.parentElement?.closest('quickpoll-context')) if (e.hasAttribute(name)) return e.getAttribute(name);
  }

  headers(more) {
    const site = this.ctx('site-key');
    return site ? { ...more, 'X-QuickPoll-Site': site } : { ...more };
  }

  // No cookies: the endpoint is told who asks by the site key and the page's origin only.
  get(path) {
    return fetch(API + path, { credentials: 'omit', headers: this.headers() }).then(r => r.ok ? r.json() : Promise.reject(r.status));
  }

  n(v, digits) { return (+v).toLocaleString(this.L, { minimumFractionDigits: digits, maximumFractionDigits: digits }); }

  plural(forms, c) {
    return fmt(forms[{ one: 0, few: 1, many: 2 }[new Intl.PluralRules(this.L).select(c)]] || forms[forms.length - 1], this.n(c));
  }

  state(s) { this.dataset.state = s; }

  say(s) { text(this.querySelector('.qp-s[role]'), s); }

  // Wrong markup is the page author's to fix: told in the console, nothing drawn.
  bad() { console.error('QuickPoll: check the attributes of', this); }

  // Sends a form's answer through the outbox: locked while sending, then done, waiting for the network, or a
  // failure with a button that sends the form again.
  send(form, sending, fail, path, body, done) {
    const fields = form.firstChild;
    this.querySelector('.qp-e')?.remove();
    fields.disabled = true;
    this.state('sending');
    this.say(sending);
    queue(API + path, JSON.stringify({
      ...body, segment: this.ctx('segment') || undefined, journeyStage: this.ctx('journey-stage') || undefined,
      touchpoint: this.ctx('touchpoint') || undefined, locale: this.locale
    }), this.headers({ 'Content-Type': 'application/json' }), 'omit', (ok, r) => {
      if (ok) { this.state('sent'); done(r); }
      else if (ok == null) this.say(this.t.queued);
      else {
        fields.disabled = false;
        this.state('error');
        this.say('');
        console.warn('QuickPoll:', r.detail || r.title);
        put(this, `<div class=qp-e role=alert><p>${fail}</p><button type=button>${this.t.retry}</button></div>`);
        this.lastChild.lastChild.onclick = () => form.requestSubmit();
      }
    });
  }

  // A form of native radios (arrows move as in any radio group) plus Home and End, Escape or Delete to clear, Enter to send.
  scale(kind, legend, name, extra = '') {
    const t = this.t, [lo, hi] = SCALE[kind], ends = t[kind + 'E'], id = 'qp' + ++ids;
    let html = '';
    for (let v = lo; v <= hi; v++) {
      html += `<input type=radio class=qp-h id=${id}-${v} name=${name} value=${v}><label for=${id}-${v}` +
        (ends ? ` class=qp-x><span aria-hidden=true>${v}</span>` : '>' + icon(kind, v)) + '<span class=qp-h>' +
        (kind == 'stars' ? fmt(t.star, v, hi) : kind == 'thumbs' ? t.thumbsO[v] : kind == 'csat' ? t.csatO[v - 1]
          : v == lo ? v + ', ' + ends[0] : v == hi ? v + ', ' + ends[1] : v) + '</span></label>';
    }
    return `<fieldset class=qp-f${ends ? ` aria-describedby=${id}e` : ''}><legend>${legend}</legend><div class="qp-o qp-${kind}" data-lo=${lo} data-hi=${hi}>${html}</div>` +
      (ends ? `<div class=qp-ends id=${id}e><span>${ends[0]}</span><span>${ends[1]}</span></div>` : '') + extra + '</fieldset>';
  }

  keys() {
    for (const o of this.querySelectorAll('.qp-o')) o.onkeydown = e => {
      const k = e.key, to = o.dataset[k == 'Home' ? 'lo' : 'hi'];
      if (/^(Escape|Delete|Backspace)$/.test(k)) for (const r of o.children) r.checked = false;
      else if (k == 'Home' || k == 'End') { const r = o.querySelector(`[value="${to}"]`); r.checked = true; r.focus(); e.preventDefault(); }
      else if (k == 'Enter') { e.preventDefault(); o.closest('form').requestSubmit(); }
    };
  }

  form(html, submit) {
    put(this, `<form>${html}</form>${STATUS}`);
    const form = this.querySelector('form');
    form.onsubmit = e => { e.preventDefault(); submit(form); };
    this.keys();
    this.state('idle');
    return form;
  }
}

// <quickpoll-rating target="mug-001" kind="stars">: a click on an option sends at once; Enter or the button sends the choice.
class Rating extends Element {
  draw(t, target, label) {
    const kind = this.kind;
    if (!SCALE[kind] || !target) return this.bad();
    this.dataset.kind = kind;
    const form = this.form(this.scale(kind, esc(label || t[kind]), 'qp-score' + ids, `<button>${t.send}</button>`), f => {
      const v = f.querySelector(':checked')?.value;
      if (v == null) return this.say(kind == 'stars' ? t.chooseStars : t.choose);
      this.send(f, t.sending, t.fail, '/answers', { target, score: +v, kind, orderToken: this.getAttribute('order-token') || undefined }, () => {
        this.dataset.score = v;
        this.say(t.thanks);
      });
    });
    form.onclick = e => {
      // Arrow keys make the browser click the newly checked radio with detail 0: that chooses, it does not send.
      const l = e.target.closest('label');
      if (e.detail > 0 && l && !form.firstChild.disabled) { l.control.checked = true; form.requestSubmit(); }
    };
  }
}

// <quickpoll-summary target="mug-001">: the average, the count and (for stars) how many gave each score; follows new answers.
class Summary extends Element {
  draw(t, target) {
    const kind = this.kind, hi = SCALE[kind]?.[1];
    if (!hi || !target) return this.bad();
    const show = s => {
      const avg = this.n(s.average, 1), row = icon('stars').repeat(5), dist = s.distribution || [];
      this.shown = 1;
      Object.assign(this.dataset, { state: 'loaded', count: +s.count, average: +s.average });
      this.replaceChildren();
      put(this, !s.count ? `<p class=qp-t>${t.none}</p>` : (kind == 'stars'
        ? `<div class=qp-avg role=img aria-label="${fmt(t.rated, avg, hi)}"><span>${row}</span><span data-w=${s.average / hi * 100}>${row}</span></div>` : '') +
        `<p class=qp-t><b>${kind == 'stars' ? avg : fmt(t.rated, avg, hi)}</b><span aria-hidden=true> · </span><span>${this.plural(t.count, +s.count)}</span></p>` +
        (kind == 'stars' ? `<ul class=qp-d aria-label="${t.dist}">` + [5, 4, 3, 2, 1].map(v =>
          `<li data-stars=${v}><span>${this.plural(t.starsN, v)}</span>${bar(dist[v - 1] / s.count * 100)}<span>${this.n(dist[v - 1] || 0)}</span></li>`).join('') + '</ul>' : ''));
    };
    this.state('loading');
    put(this, `<p class=qp-t aria-busy=true>${t.loading}</p>`);
    listen('summary', s => s.target == target && s.kind == kind && show(s));
    this.get(`/summaries?target=${encodeURIComponent(target)}&kind=${kind}`).then(s => this.shown || show(s), () => {
      if (this.shown) return;
      this.state('unavailable');
      this.replaceChildren();
      put(this, `<p class=qp-t role=status>${t.unavail}</p>`);
    });
  }
}

// <quickpoll-reviews target="mug-001">: published comments, newest first, five at a time, as plain text.
class Reviews extends Element {
  draw(t, target) {
    let page = 0;
    const date = new Intl.DateTimeFormat(this.L, { dateStyle: 'medium' });
    // A region of fixed size that scrolls: focusable and named, so keyboard and screen reader users reach all of it.
    for (const [k, v] of [['role', 'region'], ['aria-label', t.rLabel], ['tabindex', 0]]) this.setAttribute(k, v);
    put(this, `<p class=qp-t role=status>${t.rLoading}</p><ul class=qp-r></ul><button type=button hidden>${t.rMore}</button>`);
    const [say, list, more] = this.children;
    const next = () => this.get(`/comments?target=${encodeURIComponent(target)}&page=${++page}&pageSize=5`).then(p => {
      text(say, p.total ? this.plural(t.reviews, +p.total) : t.rNone);
      for (const c of p.items) {
        put(list, `<li>${c.rating ? stars(+c.rating, fmt(t.rated, +c.rating, 5)) : ''} <strong></strong> <small></small><p></p></li>`);
        const [name, when, words] = list.lastChild.querySelectorAll('strong,small,p');
        text(name, c.displayName || t.anon);
        text(when, date.format(new Date(c.createdAt)) + (c.verifiedPurchase ? ' · ' + t.verified : ''));
        text(words, c.text);
      }
      more.hidden = list.children.length >= p.total;
    }, () => text(say, t.rUnavail));
    more.onclick = next;
    listen('comment', c => { if (c == target) { page = 0; list.replaceChildren(); next(); } });
    next();
  }
}

// <quickpoll-comment target="mug-001">: a review with an optional rating, sent with the form token the server signed for it.
class Comment extends Element {
  draw(t, target, label) {
    let token, ready = 0;
    const id = 'qp' + ++ids, start = () => this.get(`/comments/form?target=${encodeURIComponent(target)}`)
      .then(f => { token = f.formToken; ready = Date.now() + f.minimumSeconds * 1e3; }, () => { token = 0; });
    const form = this.form(`<fieldset class=qp-f><legend>${esc(label || t.cLabel)}</legend>${this.scale('stars', t.cRating, id + 'r')}` +
      `<div class=qp-c><label for=${id}t>${t.cText}</label><textarea id=${id}t rows=5 maxlength=2000 aria-describedby=${id}c></textarea><p id=${id}c class=qp-s></p></div>` +
      `<div class=qp-c><label for=${id}n>${t.cName}</label><input type=text id=${id}n maxlength=60 autocomplete=nickname></div>` +
      // A trap for bots: off screen, hidden from assistive technology and out of the Tab order; people leave it empty.
      `<div class=qp-trap aria-hidden=true><label for=${id}w>${t.cTrap}</label><input type=text id=${id}w tabindex=-1 autocomplete=off></div>` +
      `<button>${t.cSend}</button></fieldset>`, async f => {
      const [words, counter, name, trap] = f.querySelectorAll('textarea,.qp-c p,input[type=text]'), score = f.querySelector(':checked')?.value;
      if (!words.value.trim()) return this.say(t.cEmpty);
      if (!token) await start();
      // The server refuses a comment sent sooner than a person could write one: wait out the rest instead.
      await new Promise(r => setTimeout(r, ready - Date.now()));
      this.send(f, t.cSending, t.cFail, '/comments', {
        target, text: words.value, rating: score ? +score : undefined, displayName: name.value.trim() || undefined, formToken: token || undefined, website: trap.value
      }, r => {
        this.say(r.status == 'published' ? t.cPub : t.cHeld);
        f.remove();
        fire('comment', target);
      });
      token = 0;
    });
    const [words, counter] = form.querySelectorAll('textarea,.qp-c p');
    (words.oninput = () => text(counter, fmt(t.cCounter, this.n(words.value.length), this.n(2000))))();
    start();
  }
}

// <quickpoll-poll poll-id="...">: the question in the page's language, a vote, then the results.
class Poll extends Element {
  draw(t) {
    const poll = encodeURIComponent(this.getAttribute('poll-id') || '');
    const results = (r, note) => {
      this.state('results');
      this.replaceChildren();
      put(this, `<ul class=qp-d aria-label="${t.results}">` + r.choices.map(c =>
        `<li><span></span>${bar(c.percentage)}<span>${this.n(Math.round(c.percentage))}% · ${this.plural(t.votes, +c.count)}</span></li>`).join('') + '</ul>' + STATUS);
      r.choices.forEach((c, i) => text(this.querySelectorAll('li>span:first-child')[i], c.label));
      this.say(note);
    };
    put(this, STATUS);
    this.say(t.pLoading);
    this.get(`/polls/${poll}` + (this.locale ? '?locale=' + this.locale : '')).then(p => {
      if (!p.isOpen) return this.get(`/polls/${poll}/results`).then(r => results(r, t.pClosed));
      this.replaceChildren();
      const form = this.form('<fieldset class="qp-f qp-p"><legend></legend>' +
        p.choices.map(() => `<label><input type=${p.allowMultiple ? 'checkbox' : 'radio'} name=qp${ids}><span></span></label>`).join('') +
        (p.allowMultiple ? `<p class=qp-t>${t.pMany}</p>` : '') + `<button>${t.vote}</button></fieldset>`, f => {
        const choiceIds = [...f.querySelectorAll(':checked')].map(i => i.value);
        if (!choiceIds.length) return this.say(t.choose);
        this.send(f, t.pSending, t.pVoteFail, `/polls/${poll}/votes`, { choiceIds }, r => results(r, t.pThanks));
      });
      text(form.querySelector('legend'), p.question);
      p.choices.forEach((c, i) => { const l = form.querySelectorAll('label')[i]; l.firstChild.value = c.id; text(l.lastChild, c.label); });
    }, s => this.say(s == 404 ? t.pGone : t.pFail));
  }
}

// <quickpoll-policy>: how the site moderates reviews and checks purchases, from its real settings.
class Policy extends Element {
  draw(t) {
    put(this, `<p class=qp-t role=status>${t.yLoading}</p>`);
    this.get('/site/policy').then(p => {
      this.replaceChildren();
      put(this, `<p class=qp-t><strong>${t.yLabel}</strong></p>`);
      for (const s of [p.moderation == 'hold-all' ? t.yHold : t.yFlagged, p.verifiesPurchases ? t.yVer : t.yNot, p.oneAnswerPerVisitor ? t.yOne : t.yEvery]) {
        put(this, `<p class=qp-t>${s}</p>`);
      }
    }, () => this.say(t.yUnavail));
  }
}

for (const [name, type] of Object.entries({ rating: Rating, summary: Summary, reviews: Reviews, comment: Comment, poll: Poll, policy: Policy })) {
  customElements.get('quickpoll-' + name) || customElements.define('quickpoll-' + name, type);
}

// Forms the tag helpers rendered: sent in place through the outbox (key: their qp-key field), the server's JSON answer
// shown in the component's status.
d.addEventListener('submit', e => {
  const form = e.target, t = /^pl\b/i.test(form.closest('[lang]')?.lang) ? PL : EN;
  if (e.defaultPrevented || !form.matches('form[action$="/quickpoll/form"]') || new URL(form.action).origin != location.origin) return;
  e.preventDefault();
  const root = form.closest('.qp-root') || form.parentElement, say = root.querySelector('[role=status]');
  root.querySelector('.qp-error')?.remove();
  queue(form.action, '' + new URLSearchParams(new FormData(form, e.submitter)), { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
    'same-origin', (ok, r) => say && text(say, ok == null ? t.queued : ok ? r.message : r.detail || t.fail), form.elements['qp-key']?.value || undefined);
});

flush();
W.addEventListener('online', () => flush());
W.addEventListener('pagehide', () => flush(1));
d.addEventListener('visibilitychange', () => d.visibilityState == 'hidden' && flush(1));
})();

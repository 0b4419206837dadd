/* QuickPoll for any page: <quickpoll-*> custom elements in the light DOM (the page's fonts and --qp-* theme apply) and an
   outbox that keeps every submission in localStorage until the server has it, sent with one Idempotency-Key so that it
   counts once. Hand-written ES2020, no framework, no build step. MapQuickPoll() serves it at /quickpoll/embed.js without
   its indentation and comment lines, compressed. */
(() => {
const d = document, W = window, Q = 'quickpoll-',
  HOME = ((d.currentScript || d.querySelector('script[src*="/quickpoll/embed.js"]'))?.src || '').replace(/\/quickpoll\/embed\.js.*/, ''), API = HOME + '/api/v1';

// Each kind's lowest and highest score.
// Texts are data, as QuickPoll.Components says them (its .resx files): embed.en.json and embed.pl.json beside this
// script, fetched once by a page in that language (plurals are [one, few, many, other]; English has [one, other]).
const texts = {}, pack = L => texts[L] || (texts[L] = fetch(`${HOME}/quickpoll/embed.${L}.json`).then(r => r.json()).catch(() => L != 'en' && pack('en'))),
SCALE = { stars: [1, 5], thumbs: [0, 1], nps: [0, 10], csat: [1, 5], ces: [1, 7] },
STAR = 'M12 2.6l2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.5l-5.9 3.1 1.2-6.5L2.5 9.5l6.6-.9z',
THUMB = 'M7 10v11H3V10zm2 11h8.3a2 2 0 0 0 2-1.6l1.6-7.2A2 2 0 0 0 18.9 10H14l.8-4.1a1.8 1.8 0 0 0-3.3-1.3L9 9.4z',
STATUS = '<p class=qp-s role=status></p>';
let ids = 0;

// The script's own markup comes from these templates, with numbers coerced and the page's attributes escaped; text
// from the server or a visitor is only ever set as textContent.
const fmt = (s, ...a) => s.replace(/{(\d)}/g, (_, i) => a[i]);
const text = (el, s) => el && (el.textContent = s);
const icon = (d, cls = '') => `<svg class="qp-g${cls}" viewBox="0 0 24 24" aria-hidden=true><path d="${d}"/></svg>`;
const bar = pct => `<span class=qp-b><span data-w=${+pct || 0}></span></span>`;
const event = (name, fn) => d.addEventListener(Q + name, e => fn(e.detail));

/* The outbox. A submission is stored before it is sent and dropped once the server answers 2xx, or a 4xx that no retry
   can fix; after a network error, a timeout, 408, 429 or 5xx it stays and is retried with exponential backoff and
   jitter (Retry-After first): at load, when the connection returns and, with keepalive, when the page is hidden or
   left. The server stores one write per Idempotency-Key (for 24 hours), so a lost response or a second tab never counts
   it twice. At most 50 entries, none older than that day. */
const BOX = Q + 'outbox', waiting = {}, busy = {};
let memory = [], timer;
const load = () => { try { return JSON.parse(localStorage[BOX] || '[]'); } catch { return memory; } };
const save = list => { try { localStorage[BOX] = JSON.stringify(list); } catch { memory = list; } };
const flush = leaving => {
  const list = load().filter(e => Date.now() - e.t < 864e5);
  save(list);
  for (const e of list) if (!busy[e.k] && (leaving || e.at < Date.now())) deliver(e, leaving);
  later();
};
// One timer, for the entry due first of those not on their way.
const later = () => {
  clearTimeout(timer);
  const next = Math.min(...load().filter(x => !busy[x.k]).map(x => x.at));
  if (next < 1e15) timer = setTimeout(flush, Math.max(next - Date.now(), 500));
};
const queue = (url, body, headers, credentials, done, k = [...crypto.getRandomValues(new Uint32Array(4))].join('-')) => {
  const e = { k, url, body, headers: { ...headers, 'Idempotency-Key': k }, credentials, t: Date.now(), at: 0, n: 0 };
  save([...load(), e].slice(-50));
  waiting[k] = done;
  deliver(e);
};
const deliver = async (e, leaving) => {
  let r, data = {}, after;
  busy[e.k] = 1;
  try {
    r = await fetch(e.url, { method: 'POST', body: e.body, headers: e.headers, credentials: e.credentials, keepalive: !!leaving, signal: AbortSignal.timeout(15e3) });
    after = r.headers.get('Retry-After');
    data = await r.json().catch(() => data);
  } catch { r = 0; }
  delete busy[e.k];
  const s = r.status, list = load(), mine = list.find(x => x.k == e.k);
  if (s < 500 && s != 408 && s != 429) {
    save(list.filter(x => x != mine));
    if (r.ok && data.summary) d.dispatchEvent(new CustomEvent(Q + 'summary', { detail: data.summary }));
    waiting[e.k]?.(r.ok, data);
  } else if (mine) {
    mine.at = Date.now() + (after * 1e3 || Date.parse(after) - Date.now() || 1e3 * Math.min(300, 2 ** ++mine.n) * (0.5 + Math.random()));
    save(list);
  }
  later();
};

// What every element shares: its language, the context it sits in, its calls and its form's states.
class Element extends HTMLElement {
  connectedCallback() {
    const lang = this.closest('[lang]')?.lang || '', kind = this.kind = this.getAttribute('kind') || 'stars', target = this.getAttribute('target'),
      L = this.L = /^pl\b/i.test(lang) ? 'pl' : 'en';
    // Drawn once; an element the server rendered already (tag helpers) keeps its markup and is enhanced as a form.
    if (this.drawn || this.firstElementChild) return;
    if (!SCALE[kind] || !target && !/poll|policy/.test(this.localName)) return console.error('QuickPoll: check the target and kind of', this);
    this.locale = /^[a-z][a-z\d-]{1,34}$/i.test(lang) ? lang : undefined;
    this.drawn = 1;
    this.classList.add('qp-el');
    this.q = encodeURIComponent(target);
    pack(L).then(t => t && this.draw(this.t = t, target));
  }

  // An attribute of the element, else of the nearest <quickpoll-context> that has it.
  ctx(name) {
    for (let e = this; e; e = e.parentElement?.closest(Q + 'context')) if (e.hasAttribute(name)) return e.getAttribute(name);
  }

  headers(more) {
    const site = this.ctx('site-key');
    return site ? { ...more, 'X-QuickPoll-Site': site } : more;
  }

  // No cookies: the endpoint knows the page by its site key and origin only.
  get(path, then, fail = () => this.say(this.t.down)) {
    fetch(API + path, { credentials: 'omit', headers: this.headers({}) }).then(r => r.ok ? r.json() : Promise.reject(r.status)).then(then, fail);
  }

  // Adds markup (or replaces it), then sets widths through CSSOM: a style attribute would need 'unsafe-inline' in the page's CSP.
  put(html, clear, el = this) {
    if (clear) el.replaceChildren();
    el.insertAdjacentHTML('beforeend', html);
    for (const x of el.querySelectorAll('[data-w]')) x.style.width = x.dataset.w + '%';
  }

  n(v, digits) { return (+v).toLocaleString(this.L, { minimumFractionDigits: digits, maximumFractionDigits: digits }); }

  plural(forms, c) {
    return fmt(forms[{ one: 0, few: 1, many: 2 }[new Intl.PluralRules(this.L).select(c)]] || forms[forms.length - 1], this.n(c));
  }

  state(s) { this.dataset.state = s; }

  say(s) { text(this.querySelector('.qp-s[role]'), s); }

  // A form and its status; a radio group inside has Home and End, Escape or Delete to clear the choice, Enter to send.
  form(html, submit) {
    this.put(`<form>${html}</form>` + STATUS, 1);
    const form = this.firstChild, o = form.querySelector('.qp-o');
    form.onsubmit = e => { e.preventDefault(); submit(form); };
    if (o) o.onkeydown = e => {
      const k = e.key, r = o.querySelectorAll('input')[k == 'Home' ? 0 : k == 'End' ? o.children.length / 2 - 1 : 99];
      if (/^(Esc|Del|Backs)/.test(k)) form.reset();
      if (r) { r.checked = 1; r.focus(); e.preventDefault(); }
      if (k == 'Enter') { e.preventDefault(); form.requestSubmit(); }
    };
    this.state('idle');
    return form;
  }

  // Sends a form's answer through the outbox, locked while it goes: then done, or a failure with a button that sends
  // the form again. While the network is away the answer waits in the outbox and the status says it is sending.
  send(form, sending, fail, path, body, done) {
    const fields = form.firstChild;
    this.querySelector('.qp-e')?.remove();
    fields.disabled = 1;
    this.state('sending');
    this.say(sending);
    queue(API + path, JSON.stringify({
      ...body, segment: this.ctx('segment') || undefined, journeyStage: this.ctx('journey-stage') || undefined,
      touchpoint: this.ctx('touchpoint') || undefined, locale: this.locale
    }), this.headers({ 'Content-Type': 'application/json' }), 'omit', (ok, r) => {
      this.state(ok ? 'sent' : 'error');
      if (ok) return done(r);
      fields.disabled = 0;
      this.say('');
      console.warn('QuickPoll:', r.detail);
      this.put(`<div class=qp-e role=alert><p>${fail}</p><button type=button>${this.t.retry}</button></div>`);
      this.lastChild.lastChild.onclick = () => form.requestSubmit();
    });
  }

  // Native radios in a fieldset with a legend: arrows move as in any radio group, in the page's direction.
  scale(kind, legend, extra) {
    const t = this.t, [lo, hi] = SCALE[kind], ends = t[kind + 'E'], id = 'qp' + ++ids;
    let html = `<fieldset class=qp-f${ends ? ` aria-describedby=${id}e` : ''}><legend>${legend}</legend><div class="qp-o qp-${kind}">`;
    for (let v = lo; v <= hi; v++) {
      html += `<input type=radio class=qp-h id=${id}-${v} name=${id} value=${v}><label for=${id}-${v}` +
        (kind == 'stars' ? `>${icon(STAR)}<span class=qp-h>${fmt(t.star, v, hi)}</span>`
          : kind == 'thumbs' ? `>${icon(THUMB, v ? '' : ' qp-down')}<span class=qp-h>${t.thumbsO[v]}</span>`
          : kind == 'csat' ? ` class=qp-x>${t.csatO[v - 1]}`
          : ` class=qp-x><span aria-hidden=true>${v}</span><span class=qp-h>${v}${v == lo ? ', ' + ends[0] : v == hi ? ', ' + ends[1] : ''}</span>`) + '</label>';
    }
    return html + '</div>' + (ends ? `<div class=qp-n id=${id}e><span>${ends[0]}</span><span>${ends[1]}</span></div>` : '') + extra + '</fieldset>';
  }
}

const elements = {
  // <quickpoll-rating target="mug-001" kind="stars">: a click on an option sends at once; Enter or the button sends the choice.
  rating(t, target) {
    const kind = this.dataset.kind = this.kind, label = this.getAttribute('label'),
      form = this.form(this.scale(kind, label ? label.replace(/[&<"]/g, c => `&#${c.charCodeAt()};`) : t[kind], `<button>${t.send}</button>`), f => {
        const v = f.querySelector(':checked')?.value;
        if (!v) return this.say(t.choose);
        this.send(f, t.sending, t.fail, '/answers', { target, score: +v, kind }, () => {
          this.dataset.score = v;
          this.say(t.thanks);
        });
      });
    form.onclick = e => {
      // Arrow keys make the browser click the radio they check, with detail 0: that chooses, it does not send.
      const l = e.target.closest('label');
      if (e.detail && l && !form.firstChild.disabled) { l.control.checked = 1; form.requestSubmit(); }
    };
  },

  // <quickpoll-summary target="mug-001">: the average, the count and (for stars) how many gave each score; follows new answers.
  summary(t, target) {
    const kind = this.kind, hi = SCALE[kind][1], stars = kind == 'stars', row = `<span>${icon(STAR).repeat(5)}</span>`, show = s => {
      const avg = this.n(s.average, 1);
      this.shown = 1;
      Object.assign(this.dataset, { state: 'loaded', count: +s.count, average: +s.average });
      this.put(!s.count ? `<p class=qp-t>${t.none}</p>` : (stars ? `<div class=qp-avg role=img aria-label="${fmt(t.rated, avg, hi)}">${row}<span data-w=${s.average * 20}>${row}</span></div>` : '') +
        `<p class=qp-t><b>${stars ? avg : fmt(t.rated, avg, hi)}</b> · ${this.plural(t.count, +s.count)}</p>` +
        (stars ? `<ul class=qp-d aria-label="${t.dist}">` + [5, 4, 3, 2, 1].map(v =>
          `<li><span>${this.plural(t.starsN, v)}</span>${bar(s.distribution[v - 1] / s.count * 100)}<span>${this.n(s.distribution[v - 1])}</span></li>`).join('') + '</ul>' : ''), 1);
    };
    this.state('loading');
    this.put(STATUS);
    event('summary', s => s.target == target && s.kind == kind && show(s));
    this.get(`/summaries?target=${this.q}&kind=${kind}`, s => this.shown || show(s));
  },

  // <quickpoll-reviews target="mug-001">: the newest published comments, as plain text, in a region of fixed size that
  // scrolls (focusable and named, so keyboard and screen reader users reach all of it).
  reviews(t, target) {
    const date = new Intl.DateTimeFormat(this.L, { dateStyle: 'medium' }), load = () => this.get(`/comments?target=${this.q}&pageSize=20`, p => {
      this.say(p.total ? this.plural(t.reviews, +p.total) : t.rNone);
      list.replaceChildren();
      for (const c of p.items) {
        this.put(`<li>${c.rating ? `<span class=qp-ro role=img aria-label="${fmt(t.rated, +c.rating, 5)}">${[1, 2, 3, 4, 5].map(i => icon(STAR, i > c.rating ? '' : ' qp-fill')).join('')}</span> ` : ''}<b></b> <small></small><p></p></li>`, 0, list);
        const [name, when, words] = list.lastChild.querySelectorAll('b,small,p');
        text(name, c.displayName || t.anon);
        text(when, date.format(new Date(c.createdAt)) + (c.verifiedPurchase ? ' · ' + t.verified : ''));
        text(words, c.text);
      }
    });
    this.setAttribute('role', 'region');
    this.setAttribute('aria-label', t.rLabel);
    this.tabIndex = 0;
    this.put(`${STATUS}<ul class=qp-r></ul>`);
    const list = this.lastChild;
    event('comment', c => c == target && load());
    load();
  },

  // <quickpoll-comment target="mug-001">: a review with an optional rating, sent with the form token the server signed for it.
  comment(t, target) {
    let token, ready;
    const start = () => new Promise(go => this.get('/comments/form?target=' + this.q, f => { token = f.formToken; ready = Date.now() + f.minimumSeconds * 1e3; go(); }, go)),
      form = this.form(`<fieldset class=qp-f><legend>${t.cLabel}</legend>` +
        `<label class=qp-c>${t.cText}<textarea rows=5 maxlength=2000></textarea></label>` +
        `<label class=qp-c>${t.cName}<input maxlength=60 autocomplete=nickname></label>` +
        // A trap for bots: hidden from sight and from assistive technology, out of the Tab order; people leave it empty.
        `<label class=qp-h aria-hidden=true>${t.cTrap}<input tabindex=-1 autocomplete=off></label><button>${t.cSend}</button></fieldset>`, async f => {
        if (!words.value.trim()) return this.say(t.cEmpty);
        if (!token) await start();
        // The server refuses a comment sent sooner than a person could write one: wait out the rest instead.
        await new Promise(r => setTimeout(r, ready - Date.now()));
        this.send(f, t.cSending, t.cFail, '/comments', {
          target, text: words.value, displayName: name.value.trim() || undefined, formToken: token, website: trap.value
        }, r => {
          this.say(r.status == 'published' ? t.cPub : t.cHeld);
          f.remove();
          d.dispatchEvent(new CustomEvent(Q + 'comment', { detail: target }));
        });
        token = 0;
      }), [words, name, trap] = form.querySelectorAll('textarea,input');
    start();
  },

  // <quickpoll-poll poll-id="...">: the question in the page's language, a vote, then the results.
  poll(t) {
    const poll = '/polls/' + encodeURIComponent(this.getAttribute('poll-id')), results = (r, note) => {
      this.state('results');
      this.put(`<ul class=qp-d aria-label="${t.results}">` + r.choices.map(c =>
        `<li><span></span>${bar(c.percentage)}<span>${this.n(Math.round(c.percentage))}% · ${this.plural(t.votes, +c.count)}</span></li>`).join('') + '</ul>' + STATUS, 1);
      r.choices.forEach((c, i) => text(this.querySelectorAll('li>:first-child')[i], c.label));
      this.say(note);
    };
    this.put(STATUS);
    this.get(poll + (this.locale ? '?locale=' + this.locale : ''), p => {
      if (!p.isOpen) return this.get(poll + '/results', r => results(r, t.pClosed));
      const form = this.form('<fieldset class="qp-f qp-p"><legend></legend>' + p.choices.map((_, i) => `<label><input type=${p.allowMultiple ? 'checkbox' : 'radio'} name=qp${i ? ids : ++ids}> <span></span></label>`).join('') +
        (p.allowMultiple ? `<p>${t.pMany}</p>` : '') + `<button>${t.vote}</button></fieldset>`, f => {
        const choiceIds = [...f.querySelectorAll(':checked')].map(i => i.value);
        if (!choiceIds[0]) return this.say(t.choose);
        this.send(f, t.pSending, t.pVoteFail, poll + '/votes', { choiceIds }, r => results(r, t.pThanks));
      });
      text(form.querySelector('legend'), p.question);
      form.querySelectorAll('label').forEach((l, i) => { l.firstChild.value = p.choices[i].id; text(l.lastChild, p.choices[i].label); });
    }, s => this.say(s == 404 ? t.pGone : t.down));
  },

  // <quickpoll-policy>: how the site moderates reviews and checks purchases, from its real settings.
  policy(t) {
    this.put(STATUS);
    this.get('/site/policy', p => this.put(`<p class=qp-t><b>${t.yLabel}</b></p>` + [p.moderation == 'hold-all' ? t.yHold : t.yFlagged, p.verifiesPurchases ? t.yVer : t.yNot,
      p.oneAnswerPerVisitor ? t.yOne : t.yEvery].map(s => `<p class=qp-t>${s}</p>`).join(''), 1));
  }
};
for (const name in elements) {
  customElements.get(Q + name) || customElements.define(Q + name, class extends Element {
    draw(...a) { elements[name].apply(this, a); }
  });
}

// Forms the tag helpers rendered: sent in place through the outbox (their qp-key field is the Idempotency-Key), and the
// server's JSON answer shown in the component's status.
d.addEventListener('submit', e => {
  const form = e.target, root = form.closest('.qp-root') || form.parentElement;
  if (e.defaultPrevented || !form.matches('[action$="/quickpoll/form"]') || new URL(form.action).origin != location.origin) return;
  e.preventDefault();
  root.querySelector('.qp-error')?.remove();
  queue(form.action, '' + new URLSearchParams(new FormData(form, e.submitter)), { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' }, 'same-origin',
    (ok, r) => text(root.querySelector('[role=status]'), ok ? r.message : r.detail), form.elements['qp-key']?.value);
});

pack(/^pl\b/i.test(d.documentElement.lang) ? 'pl' : 'en');
flush();
// The connection is back: everything waiting goes now, whatever its backoff said.
W.addEventListener('online', () => { save(load().map(e => ({ ...e, at: 0 }))); flush(); });
W.addEventListener('pagehide', () => flush(1));
d.addEventListener('visibilitychange', () => d.hidden && flush(1));
})();

// The SynthFunctions dashboard: plain JavaScript against the same HTTP API the CLI uses.
// Every text that came from a user or the API is shown with textContent, never parsed as HTML.
'use strict';

(() => {
  const REFRESH_MS = 2000;
  const KEY_STORAGE = 'synth.functionKey';
  const FINISHED = new Set(['completed', 'failed', 'cancelled']);
  const BATCH_ENDED = new Set(['completed', 'cancelled']);

  const $ = (selector) => document.querySelector(selector);

  // ---- The API: every data call carries the function key once the app has asked for one. ----

  let keyRequest = null;

  function functionKey() {
    return sessionStorage.getItem(KEY_STORAGE);
  }

  // Asked once per tab, however many calls were refused at the same time.
  function askForKey() {
    if (!keyRequest) {
      keyRequest = new Promise((resolve) => {
        const dialog = $('#key-dialog');
        const input = $('#key-input');
        input.value = '';
        dialog.addEventListener('close', () => {
          sessionStorage.setItem(KEY_STORAGE, input.value.trim());
          keyRequest = null;
          resolve();
        }, { once: true });
        dialog.showModal();
      });
    }
    return keyRequest;
  }

  async function api(path, options = {}) {
    for (;;) {
      const headers = new Headers(options.headers || {});
      const key = functionKey();
      if (key) {
        headers.set('x-functions-key', key);
      }
      const response = await fetch(path, { ...options, headers });
      if (response.status !== 401) {
        return response;
      }
      sessionStorage.removeItem(KEY_STORAGE);
      await askForKey();
    }
  }

  async function getJson(path) {
    const response = await api(path);
    if (!response.ok) {
      throw new Error(`${path} answered ${response.status}`);
    }
    return response.json();
  }

  // Media elements and links cannot send headers: the Functions app also takes the key as ?code=.
  function withKey(path) {
    const key = functionKey();
    return key ? `${path}?code=${encodeURIComponent(key)}` : path;
  }

  function showConnection(error) {
    const status = $('#connection');
    status.classList.toggle('down', Boolean(error));
    status.textContent = error ? `Cannot reach the service: ${error.message}` : `Updated ${new Date().toLocaleTimeString()}`;
  }

  // ---- Small rendering helpers ----

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function link(href, text) {
    const anchor = element('a', text);
    anchor.href = href;
    return anchor;
  }

  function cell(content, className) {
    const td = element('td', null, className);
    if (content instanceof Node) {
      td.append(content);
    } else if (content !== undefined && content !== null) {
      td.textContent = String(content);
    }
    return td;
  }

  function stateBadge(state) {
    return element('span', state, `state ${state}`);
  }

  function progressBar(percent) {
    const bar = document.createElement('progress');
    bar.max = 100;
    bar.value = percent || 0;
    bar.title = `${Math.round(percent || 0)}%`;
    return bar;
  }

  function formatTime(value) {
    return value ? new Date(value).toLocaleString() : '';
  }

  function formatDuration(ms) {
    if (ms === null || ms < 0) {
      return '';
    }
    const seconds = Math.round(ms / 1000);
    return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  }

  // Export to the end of the render: what the video cost in waiting.
  function renderTime(job) {
    if (!job.exportedAt) {
      return null;
    }
    const end = job.completedAt ? Date.parse(job.completedAt) : Date.now();
    return end - Date.parse(job.exportedAt);
  }

  function credits(job) {
    return job.credit ?? job.cubesUsed ?? '';
  }

  function sourceText(source) {
    if (!source) {
      return '';
    }
    if (source.kind === 'blob') {
      return `upload ${source.blobName}`;
    }
    return source.kind;
  }

  function jobTitle(job) {
    return job.name || job.id;
  }

  // ---- Views ----

  const views = {
    jobs: { section: '#jobs-view', nav: 'jobs', refresh: refreshJobs },
    job: { section: '#job-view', nav: 'jobs', refresh: refreshJob },
    batches: { section: '#batches-view', nav: 'batches', refresh: refreshBatches },
    batch: { section: '#batch-view', nav: 'batches', refresh: refreshBatch },
    new: { section: '#new-view', nav: 'new', refresh: null },
  };

  let current = { view: views.jobs, id: null, generation: 0 };
  let timer = null;

  function route() {
    const hash = location.hash.replace(/^#/, '') || '/';
    const parts = hash.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] === 'jobs' && parts[1]) {
      return { view: views.job, id: parts[1] };
    }
    if (parts[0] === 'batches' && parts[1]) {
      return { view: views.batch, id: parts[1] };
    }
    if (parts[0] === 'batches') {
      return { view: views.batches, id: null };
    }
    if (parts[0] === 'new') {
      return { view: views.new, id: null };
    }
    return { view: views.jobs, id: null };
  }

  function show() {
    clearTimeout(timer);
    const next = route();
    current = { ...next, generation: current.generation + 1 };
    for (const view of Object.values(views)) {
      $(view.section).hidden = view !== current.view;
    }
    for (const anchor of document.querySelectorAll('nav a')) {
      anchor.classList.toggle('active', anchor.dataset.nav === current.view.nav);
    }
    if (current.view === views.job) {
      resetJobView();
    }
    if (current.view === views.new) {
      loadModels();
    }
    tick(current.generation);
  }

  // Refreshes the visible view, then again a little later; a view returns false when nothing can change any more.
  async function tick(generation) {
    const refresh = current.view.refresh;
    if (!refresh || generation !== current.generation) {
      return;
    }
    let again = true;
    try {
      again = (await refresh(current.id, generation)) !== false;
      showConnection(null);
    } catch (error) {
      showConnection(error);
    }
    if (again && generation === current.generation) {
      timer = setTimeout(() => tick(generation), REFRESH_MS);
    }
  }

  // ---- Jobs ----

  async function refreshJobs(_, generation) {
    const state = $('#state-filter').value;
    const query = new URLSearchParams({ pageSize: '200' });
    if (state) {
      query.set('state', state);
    }
    const page = await getJson(`/api/videos?${query}`);
    if (generation !== current.generation) {
      return true;
    }
    const jobs = page.jobs.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    const rows = jobs.map((job) => {
      const row = document.createElement('tr');
      row.dataset.jobId = job.id;
      row.dataset.state = job.state;
      const batch = job.source && job.source.batchId
        ? link(`#/batches/${encodeURIComponent(job.source.batchId)}`, `${job.source.batchId}, row ${job.source.row}`)
        : null;
      row.append(
        cell(stateBadge(job.state), 'state-cell'),
        cell(progressBar(job.progress), 'progress-cell'),
        cell(link(`#/jobs/${encodeURIComponent(job.id)}`, jobTitle(job)), 'name-cell'),
        cell(sourceText(job.source)),
        cell(batch),
        cell(formatTime(job.createdAt)),
        cell(formatDuration(renderTime(job)), 'number'),
        cell(credits(job), 'number'),
        cell(job.aiStudiosCalls, 'number'));
      return row;
    });
    $('#jobs-table tbody').replaceChildren(...rows);
    $('#jobs-empty').hidden = rows.length > 0;
    return true;
  }

  // ---- One job ----

  function resetJobView() {
    const video = $('#job-video');
    video.removeAttribute('src');
    video.hidden = true;
    video.load();
    $('#job-video-none').hidden = false;
    for (const id of ['#job-name', '#job-state', '#job-percent', '#job-record', '#job-error']) {
      $(id).textContent = '';
    }
    $('#job-steps').replaceChildren();
    $('#job-cancel').hidden = true;
    $('#job-error').hidden = true;
  }

  function steps(job) {
    const list = [{ at: job.createdAt, text: `Submitted (${sourceText(job.source) || 'http'})` }];
    if (job.exportedAt) {
      list.push({ at: job.exportedAt, text: `Exported to AI Studios as project ${job.projectKey || ''}`.trim() });
    }
    if (job.lastCallbackAt) {
      list.push({ at: job.lastCallbackAt, text: `Callback from AI Studios (${job.callbacks} received)` });
    }
    if (job.lastPollAt) {
      list.push({ at: job.lastPollAt, text: `Progress checked (${job.polls} checks)` });
    }
    if (job.completedAt) {
      const ended = {
        completed: job.videoBlob ? 'Video and record stored' : 'Record stored',
        failed: 'Failed',
        cancelled: 'Cancelled',
      }[job.state] || job.state;
      list.push({ at: job.completedAt, text: ended });
    } else if (job.nextCheckAt) {
      list.push({ at: job.nextCheckAt, text: 'Next check (planned)' });
    }
    return list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }

  async function refreshJob(id, generation) {
    const response = await api(`/api/videos/${encodeURIComponent(id)}`);
    if (generation !== current.generation) {
      return true;
    }
    if (response.status === 404) {
      $('#job-name').textContent = `No job ${id}`;
      return false;
    }
    if (!response.ok) {
      throw new Error(`the job answered ${response.status}`);
    }
    const job = await response.json();
    $('#job-name').textContent = jobTitle(job);
    const state = $('#job-state');
    state.textContent = job.state;
    state.className = `state ${job.state}`;
    $('#job-progress').value = job.progress || 0;
    $('#job-percent').textContent = `${Math.round(job.progress || 0)}%`;
    $('#job-error').hidden = !job.error;
    $('#job-error').textContent = job.error || '';
    $('#job-cancel').hidden = FINISHED.has(job.state);
    $('#job-steps').replaceChildren(...steps(job).map((step) => {
      const item = element('li', step.text);
      const time = element('time', formatTime(step.at));
      time.dateTime = step.at;
      item.append(time);
      return item;
    }));
    const record = { ...job };
    delete record.links;
    $('#job-record').textContent = JSON.stringify(record, null, 2);
    showVideo(job);
    return !FINISHED.has(job.state);
  }

  // The stored copy streams from this app with range support; without a copy, AI Studios' own URL plays.
  function showVideo(job) {
    const video = $('#job-video');
    if (job.state !== 'completed' || video.hasAttribute('src')) {
      return;
    }
    const source = job.videoBlob ? withKey(`/api/videos/${encodeURIComponent(job.id)}/video`) : job.videoUrl;
    if (!source) {
      return;
    }
    video.src = source;
    video.hidden = false;
    $('#job-video-none').hidden = true;
  }

  async function cancelJob() {
    const button = $('#job-cancel');
    button.disabled = true;
    try {
      const response = await api(`/api/videos/${encodeURIComponent(current.id)}`, { method: 'DELETE' });
      if (!response.ok && response.status !== 409) {
        throw new Error(`cancel answered ${response.status}`);
      }
      showConnection(null);
    } catch (error) {
      showConnection(error);
    } finally {
      button.disabled = false;
    }
    show();
  }

  // ---- Batches ----

  async function refreshBatches(_, generation) {
    const page = await getJson('/api/batches?pageSize=100');
    if (generation !== current.generation) {
      return true;
    }
    const batches = page.batches.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    const rows = batches.map((batch) => {
      const row = document.createElement('tr');
      row.dataset.batchId = batch.id;
      row.dataset.state = batch.state;
      const counts = batch.counts || {};
      row.append(
        cell(stateBadge(batch.state)),
        cell(progressBar(batch.progress)),
        cell(link(`#/batches/${encodeURIComponent(batch.id)}`, batch.name || batch.id), 'name-cell'),
        cell(batch.total, 'number'),
        cell(counts.queued || 0, 'number'),
        cell(counts.running || 0, 'number'),
        cell(counts.completed || 0, 'number'),
        cell(counts.failed || 0, 'number'),
        cell(counts.cancelled || 0, 'number'),
        cell(formatTime(batch.createdAt)));
      return row;
    });
    $('#batches-table tbody').replaceChildren(...rows);
    $('#batches-empty').hidden = rows.length > 0;
    return true;
  }

  async function refreshBatch(id, generation) {
    const response = await api(`/api/batches/${encodeURIComponent(id)}`);
    if (generation !== current.generation) {
      return true;
    }
    if (response.status === 404) {
      $('#batch-name').textContent = `No batch ${id}`;
      return false;
    }
    if (!response.ok) {
      throw new Error(`the batch answered ${response.status}`);
    }
    const batch = await response.json();
    $('#batch-name').textContent = batch.name || batch.id;
    const state = $('#batch-state');
    state.textContent = batch.state;
    state.className = `state ${batch.state}`;
    $('#batch-progress').value = batch.progress || 0;
    $('#batch-percent').textContent = `${batch.counts.completed + batch.counts.failed + batch.counts.cancelled} of ${batch.total} rows ended`;
    const counts = [['Rows', batch.total], ['Queued', batch.counts.queued], ['Running', batch.counts.running],
      ['Completed', batch.counts.completed], ['Failed', batch.counts.failed], ['Cancelled', batch.counts.cancelled]];
    $('#batch-counts').replaceChildren(...counts.map(([label, value]) => {
      const group = document.createElement('div');
      group.dataset.count = label.toLowerCase();
      group.append(element('dt', label), element('dd', value || 0));
      return group;
    }));
    const ended = BATCH_ENDED.has(batch.state);
    const manifest = $('#batch-manifest');
    manifest.hidden = !ended;
    manifest.href = withKey(`/api/batches/${encodeURIComponent(batch.id)}/manifest`);
    $('#batch-cancel').hidden = ended;
    const failures = (batch.failedRows || []).map((failure) => {
      const row = document.createElement('tr');
      row.append(
        cell(failure.row, 'number'),
        cell(failure.jobId ? link(`#/jobs/${encodeURIComponent(failure.jobId)}`, failure.jobId) : ''),
        cell(failure.error, 'error-cell'));
      return row;
    });
    $('#batch-failures tbody').replaceChildren(...failures);
    $('#batch-failures-none').hidden = failures.length > 0;
    return !ended;
  }

  async function cancelBatch() {
    try {
      const response = await api(`/api/batches/${encodeURIComponent(current.id)}`, { method: 'DELETE' });
      if (!response.ok && response.status !== 409) {
        throw new Error(`cancel answered ${response.status}`);
      }
    } catch (error) {
      showConnection(error);
    }
    show();
  }

  // ---- New video ----

  let models = null;

  // The account's avatars, where the API offers a list (V3); otherwise the configured defaults render scripts.
  async function loadModels() {
    if (models !== null) {
      return;
    }
    models = [];
    try {
      const response = await api('/api/models');
      if (response.ok) {
        models = (await response.json()).models || [];
      }
    } catch {
      models = [];
    }
    const select = $('#new-model');
    select.replaceChildren(element('option', 'default'));
    select.firstChild.value = '';
    for (const model of models) {
      const option = element('option', model.name ? `${model.name} (${model.id})` : model.id);
      option.value = model.id;
      select.append(option);
    }
    $('#avatar-choice').hidden = models.length === 0;
    fillClothes();
  }

  function fillClothes() {
    const model = (models || []).find((m) => m.id === $('#new-model').value);
    const select = $('#new-clothes');
    const none = element('option', 'default');
    none.value = '';
    select.replaceChildren(none, ...(model ? model.clothes : []).map((outfit) => {
      const option = element('option', outfit.name ? `${outfit.name} (${outfit.id})` : outfit.id);
      option.value = outfit.id;
      return option;
    }));
  }

  // What a file becomes: a script or a request for one video, or a batch.
  const FILE_KINDS = {
    txt: { path: '/api/videos', type: 'text/plain; charset=utf-8', script: true },
    json: { path: '/api/videos', type: 'application/json' },
    csv: { path: '/api/batches', type: 'text/csv', batch: true },
    jsonl: { path: '/api/batches', type: 'application/x-ndjson', batch: true },
  };

  async function submitNew(event) {
    event.preventDefault();
    const file = $('#new-file').files[0];
    const name = $('#new-name').value.trim();
    let kind;
    let body;
    if (file) {
      kind = FILE_KINDS[file.name.split('.').pop().toLowerCase()];
      if (!kind) {
        showProblems('Unsupported file', [{ path: file.name, message: 'choose a .txt, .json, .csv or .jsonl file' }]);
        return;
      }
      body = await file.text();
    } else {
      kind = FILE_KINDS.txt;
      body = $('#new-script').value;
    }
    const query = new URLSearchParams();
    if (name && (kind.script || kind.batch)) {
      query.set('name', name);
    }
    if (kind.script) {
      for (const [parameter, select] of [['model', '#new-model'], ['clothes', '#new-clothes']]) {
        if ($(select).value) {
          query.set(parameter, $(select).value);
        }
      }
    }
    const button = $('#new-submit');
    button.disabled = true;
    try {
      const response = await api(query.size ? `${kind.path}?${query}` : kind.path, {
        method: 'POST',
        headers: { 'Content-Type': kind.type },
        body,
      });
      const answer = await response.json().catch(() => ({}));
      if (response.ok) {
        $('#new-problems').hidden = true;
        $('#new-form').reset();
        location.hash = kind.batch ? `#/batches/${encodeURIComponent(answer.id)}` : `#/jobs/${encodeURIComponent(answer.id)}`;
        return;
      }
      showProblems(answer.title || `The service answered ${response.status}`,
        answer.errors || [{ path: '', message: answer.detail || response.statusText }]);
    } catch (error) {
      showProblems('Could not submit', [{ path: '', message: error.message }]);
    } finally {
      button.disabled = false;
    }
  }

  function showProblems(title, problems) {
    $('#new-problems-title').textContent = title;
    $('#new-problems ul').replaceChildren(...problems.map((problem) => {
      const item = document.createElement('li');
      if (problem.path) {
        item.append(element('code', problem.path), document.createTextNode(': '));
      }
      item.append(document.createTextNode(problem.message));
      return item;
    }));
    $('#new-problems').hidden = false;
  }

  // ---- Start ----

  document.addEventListener('DOMContentLoaded', () => {
    $('#state-filter').addEventListener('change', () => show());
    $('#job-cancel').addEventListener('click', cancelJob);
    $('#batch-cancel').addEventListener('click', cancelBatch);
    $('#new-form').addEventListener('submit', submitNew);
    $('#new-model').addEventListener('change', fillClothes);
    window.addEventListener('hashchange', show);
    show();
  });
})();

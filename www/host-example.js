// The example host page's own script: listens for results and calls the JS API.
const el = document.getElementById('explainer');
for (const id of ['last-result', 'api-result']) document.getElementById(id).style.whiteSpace = 'pre-wrap';
el.addEventListener('bounce-explained', (e) => {
  const r = e.detail;
  document.getElementById('last-result').textContent = `${r.kind}: ${r.recipients.map((x) => `${x.address} ${x.status} ${x.reason}`).join(', ')}`;
});
el.setAttribute('text', '550 5.1.1 <someone@example.net>: Recipient address rejected: User unknown');
window.BounceExplainer.explain('452 4.2.2 <full@example.org>: Mailbox full', { lang: 'en' }).then((r) => {
  document.getElementById('api-result').textContent = JSON.stringify(r);
});

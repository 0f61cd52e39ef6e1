// Placeholder until the web client lands: says whether this page was opened from a pairing link.
// Reads the fragment locally; it never leaves the browser.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  const status = document.getElementById('status');
  if (status && location.pathname === '/pair' && location.hash.length > 1) {
    status.textContent = 'This is a pairing link, but the web client is not installed on this relay yet.';
  }
});

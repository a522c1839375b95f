// A pretend login: the session cookie is strictly necessary, so it is set
// whatever the visitor chose about statistics and preferences.
document.querySelector('[data-login]').addEventListener('submit', (event) => {
  event.preventDefault();
  document.cookie = 'kvitto_session=demo; path=/; SameSite=Lax';
  document.querySelector('[data-login-status]').textContent = 'Du er logget ind (demo).';
});

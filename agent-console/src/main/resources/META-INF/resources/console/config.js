// Deployment configuration of the agent console. When the console is served from another origin than the gateway API
// (plain static hosting, a CDN), set apiBase to the API's URL, e.g. 'https://api.example.com'; empty means this origin.
// The API must then allow this origin (CORS) for Authorization headers.
window.parleyConsoleConfig = { apiBase: '' };

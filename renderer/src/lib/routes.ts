/** Every address in the app (hash routes, so the app:// protocol serves one index.html). */
export const routes = {
  home: '/',
  board: (id: string) => `/boards/${id}`,
  challenge: (id: string) => `/challenges/${id}`,
  newPledge: (challengeId: string) => `/challenges/${challengeId}/pledge/new`,
  pledge: (id: string) => `/pledges/${id}`,
  editPledge: (id: string) => `/pledges/${id}/edit`,
  people: '/people',
  person: (id: string) => `/people/${id}`,
  dashboard: '/dashboard',
  cases: '/cases',
  search: (text: string) => `/search/${encodeURIComponent(text)}`,
  sync: '/sync',
} as const;

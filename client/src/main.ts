import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n } from './i18n/index.ts';
import { router } from './router/index.ts';
import { whenUnauthenticated } from './api/http.ts';
import { useAuthStore } from './stores/auth.ts';
import './styles.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);
app.use(router);

// A session that ends on the server (expired, signed out elsewhere) sends the user to sign in again.
whenUnauthenticated(() => {
  const auth = useAuthStore(pinia);
  if (!auth.isSignedIn) return;
  auth.sessionEnded();
  const current = router.currentRoute.value;
  if (!current.meta.public) void router.replace({ name: 'login', query: { redirect: current.fullPath } });
});

app.mount('#app');

import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { useLocation } from './router.tsx';
import { Loading } from './components/ui.tsx';

// Three separate areas share one bundle entry but load only their own code: the kiosk never downloads
// the staff workbench, and the public pages never download either.
const KioskApp = lazy(() => import('./kiosk/KioskApp.tsx'));
const PublicApp = lazy(() => import('./public/PublicApp.tsx'));
const StaffApp = lazy(() => import('./staff/StaffApp.tsx'));

/** Which area an address belongs to. */
export function areaOf(pathname: string): 'kiosk' | 'public' | 'staff' {
  if (pathname === '/kiosk' || pathname.startsWith('/kiosk/')) return 'kiosk';
  if (pathname === '/work' || pathname.startsWith('/work/')) return 'staff';
  if (pathname === '/admin' || pathname.startsWith('/admin/')) return 'staff';
  return 'public';
}

function App() {
  const { pathname } = useLocation();
  const area = areaOf(pathname);
  return (
    <Suspense fallback={<Loading />}>
      {area === 'kiosk' ? <KioskApp /> : area === 'staff' ? <StaffApp /> : <PublicApp />}
    </Suspense>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

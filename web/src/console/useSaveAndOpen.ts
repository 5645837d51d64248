import type { UseMutationResult } from '@tanstack/react-query';
import { App } from 'antd';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../shared/http';

/** A console form's save: on success open the saved record's page; a refusal shows as a message. */
export function useSaveAndOpen<V, R, E>(mutation: UseMutationResult<R, E, V>, pathOf: (saved: R) => string) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  return (values: V) =>
    mutation.mutate(values, {
      onSuccess: (saved) => void navigate(pathOf(saved)),
      onError: (error) => void message.error(errorMessage(error)),
    });
}
